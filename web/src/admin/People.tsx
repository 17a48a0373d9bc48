import { useState } from 'preact/hooks';
import { api, call, messageOf, type User } from '../api/client';
import { CreateAccountForm } from './CreateAccountForm';
import { InvitationLink, type Issued } from './InvitationLink';
import { ROLE_NAMES } from './roles';

/**
 * The organization's people, their roles and whether they have activated their account, and a way
 * to add one. A reset gives a new link (the old password and every session end); signing someone
 * out ends their sessions. Both show on that person's own security page.
 */
export function People({ people, me, onCreated, onChanged }: {
  people: User[] | undefined;
  me: string | undefined;
  onCreated: (user: User) => void;
  onChanged: (user: User) => void;
}) {
  const [issued, setIssued] = useState<Issued | null>(null);
  const [said, setSaid] = useState('');
  const [error, setError] = useState('');

  async function act(person: User, action: 'reset' | 'sign-out') {
    setError('');
    setSaid('');
    setIssued(null);
    try {
      if (action === 'reset') {
        const reset = await call(api.POST('/api/users/{userId}/reset', { params: { path: { userId: person.id ?? '' } } }));
        onChanged(reset);
        setIssued({ user: reset, ...reset.invitation, kind: 'reset' });
      } else {
        await call(api.DELETE('/api/users/{userId}/sessions', { params: { path: { userId: person.id ?? '' } } }));
        setSaid(`${person.displayName} is signed out everywhere.`);
      }
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <section class="card admin-section wide" aria-labelledby="people-title">
      <h2 id="people-title">People</h2>
      {error && <p class="notice error" role="alert">{error}</p>}
      <div role="status">
        {issued && <InvitationLink issued={issued} />}
        {said && <p class="notice ok">{said}</p>}
      </div>
      {people === undefined ? (
        <p class="loading" role="status">Loading people…</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">People in your organization</caption>
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Account</th><th scope="col">Actions</th></tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <td class="wrap">{person.displayName}</td>
                  <td class="wrap">{person.email}</td>
                  <td>{ROLE_NAMES[person.role ?? 'teacher']}</td>
                  <td>{person.status === 'invited' ? 'Invited' : 'Active'}</td>
                  <td class="row-actions">
                    {person.id !== me && (
                      <>
                        <button type="button" class="button subtle" aria-label={`Reset ${person.displayName}`}
                          onClick={() => act(person, 'reset')}>Reset</button>
                        <button type="button" class="button subtle" aria-label={`Sign out ${person.displayName} everywhere`}
                          onClick={() => act(person, 'sign-out')}>Sign out</button>
                      </>
                    )}
                  </td>
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
