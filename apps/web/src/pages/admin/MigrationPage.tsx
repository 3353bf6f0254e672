import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useInstanceViews, useMigrateInstance, useProcesses, useProcessXml, type ProcessInstance } from '../../api/admin';
import { ApiError } from '../../api/errors';
import { Button } from '../../components/Button';
import { ErrorNotice, Notice } from '../../components/ErrorNotice';
import { SelectField, TextField } from '../../components/Field';
import { LoadingPage } from '../../components/LoadingPage';
import ProcessDiagram from '../../components/ProcessDiagram';
import { describeError } from '../../components/errors';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { t } from '../../i18n';
import { instanceAnnotations } from './instance-annotations';
import { flowElementsOf, proposeMappings } from './migration';

type Outcome = { key: string; migrated: true; version: number } | { key: string; migrated: false; reason: string };

/** The elements where the picked instances wait: each needs a mapping instruction. */
function activeElementIds(views: readonly ProcessInstance[]): string[] {
  const ids = new Set<string>();
  for (const view of views) for (const element of view.elements) if (element.state === 'ACTIVE' && element.key !== view.processInstanceKey) ids.add(element.elementId);
  return [...ids];
}

function MigrationForm({ views }: { views: ProcessInstance[] }) {
  const { bpmnProcessId, version } = views[0];
  const processes = useProcesses();
  const versions = processes.data?.find((process) => process.bpmnProcessId === bpmnProcessId)?.versions ?? [];
  const [chosen, setChosen] = useState<number | null>(null);
  const targetVersion = chosen ?? versions.find((entry) => entry.version !== version)?.version;
  const target = versions.find((entry) => entry.version === targetVersion);
  const sourceXml = useProcessXml(bpmnProcessId, version);
  const targetXml = useProcessXml(bpmnProcessId, targetVersion);
  const targetElements = useMemo(() => (targetXml.data ? flowElementsOf(targetXml.data) : []), [targetXml.data]);
  const active = useMemo(() => activeElementIds(views), [views]);
  const [edited, setEdited] = useState<Record<string, string>>({});
  const mappings = { ...proposeMappings(active, targetElements), ...edited };
  const migrate = useMigrateInstance();
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const sourceAnnotations = useMemo(() => instanceAnnotations(views[0]), [views]);
  // Where the instances will wait on the target: redrawn when the mapping's targets change (not on every render).
  const mappedTargets = [...new Set(Object.values(mappings).filter(Boolean))].sort().join(' ');
  const targetAnnotations = useMemo(() => ({ markers: Object.fromEntries(mappedTargets.split(' ').filter(Boolean).map((id) => [id, ['state-active']])) }), [mappedTargets]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!target) return;
    const reason = String(new FormData(event.currentTarget).get('migrationReason') ?? '').trim();
    const mappingInstructions = Object.entries(mappings)
      .filter(([, targetElementId]) => targetElementId)
      .map(([sourceElementId, targetElementId]) => ({ sourceElementId, targetElementId }));
    const results: Outcome[] = [];
    for (const view of views) {
      try {
        await migrate.mutateAsync({ processInstanceKey: view.processInstanceKey, targetProcessDefinitionKey: target.processDefinitionKey, mappingInstructions, reason });
        results.push({ key: view.processInstanceKey, migrated: true, version: target.version });
      } catch (error) {
        const reason = error instanceof ApiError && error.code === 'MIGRATION_REJECTED' ? t('admin.migration.rejected', { reason: error.message }) : describeError(error);
        results.push({ key: view.processInstanceKey, migrated: false, reason });
      }
    }
    setOutcomes(results);
  };

  if (versions.length < 2) return <p className="empty">{t('admin.models.oneVersion')}</p>;
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={t('admin.migration.title')}>
      <SelectField id="targetVersion" label={t('admin.migration.target')} value={targetVersion ? String(targetVersion) : ''} onChange={(event) => setChosen(Number(event.target.value))}>
        {versions
          .filter((entry) => entry.version !== version)
          .map((entry) => (
            <option key={entry.version} value={entry.version}>
              {t('admin.models.version', { version: entry.version })}
            </option>
          ))}
      </SelectField>
      <div className="diff-diagrams">
        {sourceXml.data ? (
          <ProcessDiagram xml={sourceXml.data} annotations={sourceAnnotations} label={t('admin.migration.source', { version })} testId="migration-source" />
        ) : null}
        {targetXml.data ? (
          <ProcessDiagram xml={targetXml.data} annotations={targetAnnotations} label={t('admin.migration.targetDiagram', { version: targetVersion ?? '' })} testId="migration-target" />
        ) : null}
      </div>
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table">
          <caption>{t('admin.migration.mapping')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.migration.from')}</th>
              <th scope="col">{t('admin.migration.to')}</th>
            </tr>
          </thead>
          <tbody>
            {active.map((id) => (
              <tr key={id}>
                <th scope="row">{id}</th>
                <td>
                  <SelectField id={`map-${id}`} label={t('admin.migration.mapTo', { element: id })} value={mappings[id] ?? ''} onChange={(event) => setEdited({ ...edited, [id]: event.target.value })}>
                    <option value="">{t('admin.migration.unmapped')}</option>
                    {targetElements.map((element) => (
                      <option key={element.id} value={element.id}>
                        {element.name ? `${element.name} (${element.id}, ${element.type})` : `${element.id} (${element.type})`}
                      </option>
                    ))}
                  </SelectField>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TextField id="migrationReason" label={t('admin.migration.reason')} required />
      <Button color="primary" type="solid" nativeType="submit" busy={migrate.isPending}>
        {t('admin.migration.submit', { count: views.length })}
      </Button>
      {outcomes.length > 0 ? (
        <ul className="migration-outcomes" aria-live="polite">
          {outcomes.map((outcome) => (
            <li key={outcome.key} data-testid={`migration-${outcome.key}`}>
              <Link to={`/sprava/instance/${outcome.key}`}>{outcome.key}</Link>:{' '}
              {outcome.migrated ? t('admin.migration.done', { version: outcome.version }) : <span className="error-text">{outcome.reason}</span>}
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}

/** Migrates one or more running instances of one process version to another version, with a mapping of their active elements. */
export default function MigrationPage() {
  useDocumentTitle(t('admin.migration.title'));
  const [params] = useSearchParams();
  const keys = params.getAll('instance').filter((key) => /^\d{1,19}$/.test(key));
  const results = useInstanceViews(keys);
  const error = results.find((result) => result.error)?.error;
  const views = results.map((result) => result.data).filter((view): view is ProcessInstance => view !== undefined);
  let body;
  if (keys.length === 0) body = <p className="empty">{t('admin.migration.none')}</p>;
  else if (error) body = <ErrorNotice error={error} />;
  else if (views.length < keys.length) body = <LoadingPage />;
  else if (views.some((view) => view.bpmnProcessId !== views[0].bpmnProcessId || view.version !== views[0].version)) body = <Notice color="warning">{t('admin.migration.mixed')}</Notice>;
  else if (views.some((view) => view.state !== 'ACTIVE')) body = <Notice color="warning">{t('admin.migration.notActive')}</Notice>;
  else
    body = (
      <>
        <p>{t('admin.migration.intro', { count: views.length, process: views[0].bpmnProcessId, version: views[0].version })}</p>
        <MigrationForm views={views} />
      </>
    );
  return (
    <>
      <p>
        <Link to="/sprava/instance">{t('admin.instance.back')}</Link>
      </p>
      <h1>{t('admin.migration.title')}</h1>
      {body}
    </>
  );
}
