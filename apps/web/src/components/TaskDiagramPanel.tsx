import { lazy, Suspense, useMemo } from 'react';
import { useTaskDiagram } from '../api/queries';
import { t } from '../i18n';
import { ErrorNotice } from './ErrorNotice';

const ProcessDiagram = lazy(() => import('./ProcessDiagram'));

/** Where the task stands in its process: the diagram with the task's step highlighted. */
export function TaskDiagramPanel({ taskId, taskName }: { taskId: string; taskName: string }) {
  const diagram = useTaskDiagram(taskId);
  const elementId = diagram.data?.elementId;
  const annotations = useMemo(() => ({ markers: elementId ? { [elementId]: ['current-step'] } : {} }), [elementId]);
  return (
    <section aria-labelledby="diagram-title" className="panel">
      <h2 id="diagram-title">{t('task.diagram')}</h2>
      {diagram.error ? <ErrorNotice error={diagram.error} /> : null}
      {diagram.data ? (
        <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
          <ProcessDiagram
            xml={diagram.data.bpmnXml}
            annotations={annotations}
            label={t('task.diagramDescription', { process: diagram.data.processName, step: taskName })}
          />
        </Suspense>
      ) : null}
    </section>
  );
}
