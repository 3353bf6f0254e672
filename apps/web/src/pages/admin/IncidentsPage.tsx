import { Link } from 'react-router';
import { useIncidents } from '../../api/admin';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';

export default function IncidentsPage() {
  useDocumentTitle(t('admin.incidents.title'));
  const incidents = useIncidents();
  return (
    <>
      <h1>{t('admin.incidents.title')}</h1>
      {incidents.error ? <ErrorNotice error={incidents.error} onRetry={() => void incidents.refetch()} /> : null}
      {incidents.isSuccess && incidents.data.length === 0 ? <p className="empty">{t('admin.incidents.empty')}</p> : null}
      {incidents.data && incidents.data.length > 0 ? (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">{t('admin.incidents.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.incidents.instance')}</th>
                <th scope="col">{t('admin.instances.process')}</th>
                <th scope="col">{t('admin.instance.element')}</th>
                <th scope="col">{t('admin.incidents.error')}</th>
                <th scope="col">{t('admin.incidents.created')}</th>
              </tr>
            </thead>
            <tbody>
              {incidents.data.map((incident) => (
                <tr key={incident.incidentKey}>
                  <td>
                    <Link to={`/sprava/instance/${incident.processInstanceKey}?prvek=${encodeURIComponent(incident.elementId)}`}>{incident.processInstanceKey}</Link>
                  </td>
                  <td>{incident.bpmnProcessId}</td>
                  <td>{incident.elementId}</td>
                  <td>
                    <strong>{incident.errorType}</strong>
                    <br />
                    <span className="prose">{incident.errorMessage}</span>
                  </td>
                  <td>{formatDateTime(incident.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
