import { api, call, type Schemas } from '../api/client';
import { LoadError } from '../ui/LoadError';
import { useLoad } from '../ui/useLoad';

type Group = Schemas['ProgramGroup'];

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

function Row({ group, smallest }: { group: Group; smallest: number }) {
  const name = <th scope="row">{group.name}</th>;
  if (group.suppressed) {
    return (
      <tr>
        {name}
        <td colSpan={6} class="suppressed">
          Not shown: fewer than {smallest} teachers, or a smaller group could be worked out from the other rows. No one
          teacher’s work is singled out.
        </td>
      </tr>
    );
  }
  return (
    <tr>
      {name}
      <td>{number.format(group.teachers ?? 0)}</td>
      <td>{number.format(group.uploads ?? 0)}</td>
      <td>{number.format(group.hoursOfVideo ?? 0)}</td>
      <td>{number.format(group.coachingCycles ?? 0)}</td>
      <td>{number.format(group.goalsMet ?? 0)}</td>
      <td>{number.format(group.debriefsHeld ?? 0)}</td>
    </tr>
  );
}

/**
 * The program in numbers, for the whole school and for each coach's teachers: counts and sums only,
 * nothing that leads to a lesson, a comment or a goal (DESIGN §5). Small groups are not shown.
 */
export function ProgramNumbers() {
  const program = useLoad(() => call(api.GET('/api/program')), []);
  const data = program.data;
  return (
    <section class="card admin-section wide" aria-labelledby="program-title">
      <h2 id="program-title">Program numbers</h2>
      <LoadError error={program.error} retry={program.reload} />
      {data && (
        <div class="table-scroll">
          <table>
            <caption>
              Uploads, hours of video, coaching cycles (goals set), goals met and debriefs held, for the school and each
              coach’s teachers. Groups of fewer than {data.smallestGroup} teachers are not shown, nor groups that would
              let a smaller one be worked out.
            </caption>
            <thead>
              <tr>
                <th scope="col">Group</th><th scope="col">Teachers</th><th scope="col">Uploads</th>
                <th scope="col">Hours of video</th><th scope="col">Coaching cycles</th><th scope="col">Goals met</th>
                <th scope="col">Debriefs held</th>
              </tr>
            </thead>
            <tbody>
              <Row group={data.school} smallest={data.smallestGroup} />
              {data.coaches.map((coach) => <Row key={coach.coachId} group={coach} smallest={data.smallestGroup} />)}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
