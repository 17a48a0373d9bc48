import type { User } from '../api/client';
import { CreateAccountForm } from './CreateAccountForm';
import { ROLE_NAMES } from './roles';

/** The organization's people and their roles, and a way to add one. */
export function People({ people, onCreated }: { people: User[] | undefined; onCreated: (user: User) => void }) {
  return (
    <section class="card admin-section wide" aria-labelledby="people-title">
      <h2 id="people-title">People</h2>
      {people === undefined ? (
        <p class="loading" role="status">Loading people…</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">People in your organization</caption>
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th></tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <td class="wrap">{person.displayName}</td>
                  <td class="wrap">{person.email}</td>
                  <td>{ROLE_NAMES[person.role ?? 'teacher']}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateAccountForm onCreated={onCreated} />
    </section>
  );
}
