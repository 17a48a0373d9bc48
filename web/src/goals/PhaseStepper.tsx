import { PHASES, type Phase } from './model';

type Props = {
  phase: Phase;
  /** Moves the goal to a phase; absent for those who may only read it. */
  onMove?: (phase: Phase) => void;
  busy?: boolean;
};

/**
 * The Impact Cycle as steps: the current one carries aria-current="step". The teacher moves the
 * goal by pressing a step; a coach sees where it is.
 */
export function PhaseStepper({ phase, onMove, busy = false }: Props) {
  const current = PHASES.findIndex((p) => p.code === phase);
  return (
    <div class="stepper-wrap">
      <h3 id="phase-title">Impact Cycle</h3>
      <ol class="stepper" aria-labelledby="phase-title">
        {PHASES.map((step, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'next';
          const hint = `phase-${step.code}-hint`;
          const content = (
            <>
              <span class="step-number">{index + 1}</span>
              <span class="step-name">{step.name}</span>
            </>
          );
          return (
            <li key={step.code} class={`step ${state}`}>
              {onMove ? (
                // Not disabled while saving: a disabled button would drop the keyboard focus.
                <button type="button" class="step-control" aria-current={index === current ? 'step' : undefined}
                  aria-describedby={hint} onClick={() => !busy && index !== current && onMove(step.code)}>
                  {content}
                </button>
              ) : (
                <span class="step-control" aria-current={index === current ? 'step' : undefined}>{content}</span>
              )}
              <span class="step-hint" id={hint}>{step.hint}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
