import { GovButton } from '@gov-design-system-ce/react';
import { Link } from 'react-router';
import { useProcesses } from '../../api/admin';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { DeployedResources } from './DeployedResources';
import { DraftList } from './DraftList';

export default function ProcessesPage() {
  useDocumentTitle(t('admin.models.title'));
  const processes = useProcesses();
  return (
    <>
      <div className="page-heading">
        <h1>{t('admin.models.title')}</h1>
        <GovButton color="primary" type="solid" asChild>
          <Link to="/sprava/modeler">{t('admin.models.newDiagram')}</Link>
        </GovButton>
      </div>
      <DraftList />
      <h2>{t('admin.models.deployed')}</h2>
      {processes.error ? <ErrorNotice error={processes.error} onRetry={() => void processes.refetch()} /> : null}
      {processes.data ? (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">{t('admin.models.deployed')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.models.process')}</th>
                <th scope="col">{t('admin.models.latest')}</th>
                <th scope="col">{t('admin.models.deployedBy')}</th>
                <th scope="col">{t('admin.models.deployedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {processes.data.map((process) => {
                const latest = process.versions[0];
                return (
                  <tr key={process.bpmnProcessId}>
                    <td>
                      <Link to={`/sprava/modely/${process.bpmnProcessId}`}>{process.bpmnProcessId}</Link>
                    </td>
                    <td className="number">{latest.version}</td>
                    <td>{latest.deployedBy}</td>
                    <td>{formatDateTime(latest.deployedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <DeployedResources />
    </>
  );
}
