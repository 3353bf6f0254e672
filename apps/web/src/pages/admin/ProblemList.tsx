import type { DeploymentProblem } from '../../api/admin';
import { hasMessage, t, type MessageKey } from '../../i18n';

/** A problem's kind in Czech; a code the catalogue does not know yet is shown as it is. */
function kindOf(code: string): string {
  const key = `admin.modeler.codes.${code}`;
  return hasMessage(key) ? t(key as MessageKey) : code;
}

/** The deploy check's problems, file by file; each names its element and can be shown on the diagram. */
export function ProblemList({ problems, onShow }: { problems: readonly DeploymentProblem[]; onShow: (problem: DeploymentProblem) => void }) {
  if (problems.length === 0) return <p data-testid="no-problems">{t('admin.modeler.noProblems')}</p>;
  return (
    <ul className="problem-list" data-testid="problems">
      {problems.map((problem, index) => (
        <li key={`${problem.field}-${problem.elementId ?? ''}-${problem.code}-${index}`} className={`problem problem--${problem.severity}`}>
          <strong>{t(`admin.modeler.severity.${problem.severity}`)}</strong> {problem.field}
          {problem.elementId ? (
            <>
              {' · '}
              <button type="button" className="link-button" onClick={() => onShow(problem)}>
                {problem.elementId}
              </button>
            </>
          ) : null}
                  : {kindOf(problem.code)} <span className="muted">{problem.message}</span>
        </li>
      ))}
    </ul>
  );
}
