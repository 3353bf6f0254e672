import { Link } from 'react-router';
import { useDeployedDecisions, useDeployedForms } from '../../api/admin';
import { ErrorNotice } from '../../components/ErrorNotice';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';

interface Resource {
  id: string;
  version: number;
  deployedBy: string;
  deployedAt: string;
  /** The modeler's address of its latest version. */
  edit: string;
}

function ResourceTable({ title, resources }: { title: string; resources: readonly Resource[] }) {
  return (
    <section className="admin-section" aria-label={title}>
      <h2>{title}</h2>
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.models.resourceId')}</th>
              <th scope="col">{t('admin.models.latest')}</th>
              <th scope="col">{t('admin.models.deployedBy')}</th>
              <th scope="col">{t('admin.models.deployedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {resources.map((resource) => (
              <tr key={resource.id}>
                <td>
                  <Link to={resource.edit} aria-label={t('admin.models.editResource', { id: resource.id })}>
                    {resource.id}
                  </Link>
                </td>
                <td className="number">{resource.version}</td>
                <td>{resource.deployedBy}</td>
                <td>{formatDateTime(resource.deployedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The deployed forms and decision tables, each opened in the modeler at its latest version. */
export function DeployedResources() {
  const forms = useDeployedForms();
  const decisions = useDeployedDecisions();
  const error = forms.error ?? decisions.error;
  if (error) return <ErrorNotice error={error} />;
  return (
    <>
      {decisions.data ? (
        <ResourceTable
          title={t('admin.models.decisions')}
          resources={decisions.data.map(({ decisionRequirementsId: id, versions: [latest] }) => ({
            id,
            ...latest,
            edit: `/sprava/modeler?rozhodnuti=${encodeURIComponent(id)}&verze=${latest.version}`,
          }))}
        />
      ) : null}
      {forms.data ? (
        <ResourceTable
          title={t('admin.models.forms')}
          resources={forms.data.map(({ formId: id, versions: [latest] }) => ({ id, ...latest, edit: `/sprava/modeler?formular=${encodeURIComponent(id)}&verze=${latest.version}` }))}
        />
      ) : null}
    </>
  );
}
