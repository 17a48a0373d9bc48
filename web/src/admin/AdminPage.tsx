import { api, call, type User } from '../api/client';
import { me } from '../session/session';
import { LoadError } from '../ui/LoadError';
import { useLoad } from '../ui/useLoad';
import { DeadJobs } from './DeadJobs';
import { Pairs } from './Pairs';
import { People } from './People';
import { ProgramNumbers } from './ProgramNumbers';
import { RetentionPolicy } from './RetentionPolicy';
import { TagSets } from './TagSets';
import './admin.css';

/**
 * The program administrator's screen: accounts, coaching pairs, framework tag sets, failed
 * background jobs. Nothing here shows or links to footage, comments or goals (DESIGN §5).
 */
export default function AdminPage() {
  const people = useLoad(() => call(api.GET('/api/users')), []);
  const list = people.data ?? [];
  const added = (user: User) => people.set([...list, user].sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? '')));
  const changed = (user: User) => people.set(list.map((person) => (person.id === user.id ? { ...person, status: user.status } : person)));

  return (
    <section class="page admin-page" aria-labelledby="admin-title">
      <h1 id="admin-title">Administration</h1>
      <p class="lede">
        Accounts, coaching pairs, tag sets, program numbers, retention and background jobs. Lessons, comments and goals belong to teachers and
        their coaches: they are not shown here.
      </p>
      <LoadError error={people.error} retry={people.reload} />
      <div class="admin-grid">
        <People people={people.data} me={me.value?.id} onCreated={added} onChanged={changed} />
        <Pairs people={list} />
        <TagSets />
        <ProgramNumbers />
        <RetentionPolicy />
        <DeadJobs />
      </div>
    </section>
  );
}
