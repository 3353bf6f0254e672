import { GovButton } from '@gov-design-system-ce/react';
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useProcessDiff, useProcesses, useProcessFigures, useProcessXml, type ProcessDiff } from '../../api/admin';
import ProcessDiagram from '../../components/ProcessDiagram';
import { download } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SelectField } from '../../components/Field';
import { LoadingPage } from '../../components/LoadingPage';
import { NotFoundPage } from '../NotFoundPage';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { Legend } from './Legend';
import { diffAnnotations, heatAnnotations, HEAT_LEVELS, shortDuration } from './model-annotations';
import { StartInstance } from './StartInstance';

/** The XML of a version, saved as `<process>-v<version>.bpmn`. */
function saveXml(processId: string, version: number) {
  void download(`/admin/processes/${encodeURIComponent(processId)}/versions/${version}`, `${processId}-v${version}.bpmn`);
}

function ChangeList({ diff }: { diff: ProcessDiff }) {
  const rows = [
    ...diff.added.map((change) => ({ ...change, kind: 'added' as const })),
    ...diff.removed.map((change) => ({ ...change, kind: 'removed' as const })),
    ...diff.changed.map((change) => ({ ...change, kind: 'changed' as const })),
  ];
  if (rows.length === 0) return <p className="empty">{t('admin.models.noChanges')}</p>;
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="data-table" data-testid="diff-table">
        <caption>{t('admin.models.changes', { from: diff.from, to: diff.to })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.models.change')}</th>
            <th scope="col">{t('admin.instance.element')}</th>
            <th scope="col">{t('admin.models.properties')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.kind}-${row.elementId}`}>
              <td>{t(`admin.legend.diff-${row.kind}`)}</td>
              <td>
                {row.name ?? row.elementId} <span className="muted">({row.type}, {row.elementId})</span>
              </td>
              <td>
                {row.changes?.map((change) => (
                  <div key={change.property}>
                    <code>{change.property}</code>: {JSON.stringify(change.before)} → {JSON.stringify(change.after)}
                  </div>
                )) ?? '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function VersionDiff({ processId, versions }: { processId: string; versions: number[] }) {
  const [params, setParams] = useSearchParams();
  const to = Number(params.get('do')) || versions[0];
  const from = Number(params.get('od')) || versions.find((version) => version < to) || to;
  const diff = useProcessDiff(processId, from, to);
  const before = useProcessXml(processId, from);
  const after = useProcessXml(processId, to);
  const annotations = useMemo(() => (diff.data ? diffAnnotations(diff.data) : null), [diff.data]);
  const choose = (name: 'od' | 'do', value: string) => {
    const next = new URLSearchParams(params);
    next.set(name, value);
    setParams(next, { replace: true });
  };
  if (versions.length < 2) return <p className="empty">{t('admin.models.oneVersion')}</p>;
  return (
    <>
      <div className="filters">
        <SelectField id="diff-from" label={t('admin.models.from')} value={String(from)} onChange={(event) => choose('od', event.target.value)}>
          {versions.map((version) => (
            <option key={version} value={version}>
              {version}
            </option>
          ))}
        </SelectField>
        <SelectField id="diff-to" label={t('admin.models.to')} value={String(to)} onChange={(event) => choose('do', event.target.value)}>
          {versions.map((version) => (
            <option key={version} value={version}>
              {version}
            </option>
          ))}
        </SelectField>
      </div>
      <Legend items={['diff-added', 'diff-changed', 'diff-removed']} />
      {diff.error ? <ErrorNotice error={diff.error} /> : null}
      {annotations && before.data && after.data ? (
        <div className="diff-diagrams">
          <ProcessDiagram xml={before.data} annotations={annotations.before} label={t('admin.models.version', { version: from })} testId="diff-before" />
          <ProcessDiagram xml={after.data} annotations={annotations.after} label={t('admin.models.version', { version: to })} testId="diff-after" />
        </div>
      ) : null}
      {diff.data ? <ChangeList diff={diff.data} /> : null}
    </>
  );
}

function HeatMap({ processId, version }: { processId: string; version: number }) {
  const figures = useProcessFigures(processId);
  const xml = useProcessXml(processId, version);
  const annotations = useMemo(() => (figures.data ? heatAnnotations(figures.data) : null), [figures.data]);
  if (figures.error) return <ErrorNotice error={figures.error} />;
  if (!figures.data || !annotations) return null;
  const data = figures.data;
  return (
    <>
      <p>{t('admin.models.figures', { running: data.running, completed: data.completed, terminated: data.terminated, incidents: data.openIncidents })}</p>
      <Legend items={Array.from({ length: HEAT_LEVELS }, (_, level) => `heat-${level}`)} />
      {xml.data ? <ProcessDiagram xml={xml.data} annotations={annotations} label={t('admin.models.heatDescription')} testId="heat-map" /> : null}
      {data.elements.length > 0 ? (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption>{t('admin.models.durations')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.instance.element')}</th>
                <th scope="col">{t('admin.models.completed')}</th>
                <th scope="col">{t('admin.models.median')}</th>
                <th scope="col">{t('admin.models.p95')}</th>
              </tr>
            </thead>
            <tbody>
              {data.elements.map((element) => (
                <tr key={element.elementId}>
                  <td>{element.elementName ?? element.elementId}</td>
                  <td className="number">{element.completed}</td>
                  <td className="number">{shortDuration(element.medianMs)}</td>
                  <td className="number">{shortDuration(element.p95Ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

export default function ProcessPage() {
  const { processId = '' } = useParams();
  useDocumentTitle(processId);
  const processes = useProcesses();
  if (processes.error) return <ErrorNotice error={processes.error} onRetry={() => void processes.refetch()} />;
  if (!processes.data) return <LoadingPage />;
  const process = processes.data.find((entry) => entry.bpmnProcessId === processId);
  if (!process) return <NotFoundPage />;
  const latest = process.versions[0];

  return (
    <>
      <p>
        <Link to="/sprava/modely">{t('admin.models.back')}</Link>
      </p>
      <div className="page-heading">
        <h1>{processId}</h1>
        <GovButton color="primary" type="solid" asChild>
          <Link to={`/sprava/modeler?proces=${encodeURIComponent(processId)}&verze=${latest.version}`}>{t('admin.models.edit')}</Link>
        </GovButton>
      </div>
      <section className="admin-section" aria-labelledby="versions-title">
        <h2 id="versions-title">{t('admin.models.versions')}</h2>
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table" data-testid="versions">
            <caption className="visually-hidden">{t('admin.models.versions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.models.versionColumn')}</th>
                <th scope="col">{t('admin.models.deployedBy')}</th>
                <th scope="col">{t('admin.models.deployedAt')}</th>
                <th scope="col">{t('admin.models.resource')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.models.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {process.versions.map((version) => (
                <tr key={version.version}>
                  <td className="number">{version.version}</td>
                  <td>{version.deployedBy}</td>
                  <td>{formatDateTime(version.deployedAt)}</td>
                  <td>{version.resourceName}</td>
                  <td>
                    <Button color="primary" type="base" size="s" onClick={() => saveXml(processId, version.version)} aria-label={t('admin.models.downloadVersion', { version: version.version })}>
                      {t('admin.models.download')}
                    </Button>{' '}
                    <Link to={`/sprava/instance?proces=${encodeURIComponent(processId)}&verze=${version.version}`}>{t('admin.models.instancesOf')}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <StartInstance processId={processId} version={latest.version} />
      <section className="admin-section" aria-labelledby="diff-title">
        <h2 id="diff-title">{t('admin.models.diff')}</h2>
        <VersionDiff processId={processId} versions={process.versions.map((version) => version.version)} />
      </section>
      <section className="admin-section" aria-labelledby="heat-title">
        <h2 id="heat-title">{t('admin.models.heat')}</h2>
        <HeatMap processId={processId} version={latest.version} />
      </section>
    </>
  );
}
