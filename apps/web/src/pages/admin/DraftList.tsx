import { Link } from 'react-router';
import { useDraftActions, useDrafts } from '../../api/admin';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';

/** The administrator's own drafts, kept on the server until deployed. */
export function DraftList() {
  const drafts = useDrafts();
  const { remove } = useDraftActions();
  if (drafts.error) return <ErrorNotice error={drafts.error} onRetry={() => void drafts.refetch()} />;
  if (!drafts.data || drafts.data.length === 0) return null;
  return (
    <section className="admin-section" aria-labelledby="drafts-title">
      <h2 id="drafts-title">{t('admin.models.drafts')}</h2>
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table">
          <caption className="visually-hidden">{t('admin.models.drafts')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.models.draftName')}</th>
              <th scope="col">{t('admin.models.draftFiles')}</th>
              <th scope="col">{t('admin.models.draftSaved')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.models.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {drafts.data.map((draft) => (
              <tr key={draft.id}>
                <td>
                  <Link to={`/sprava/modeler?navrh=${draft.id}`}>{draft.name}</Link>
                </td>
                <td>{draft.files.map((file) => file.name).join(', ')}</td>
                <td>{formatDateTime(draft.updatedAt)}</td>
                <td>
                  <Button color="error" type="base" size="s" onClick={() => remove.mutate(draft.id)} aria-label={t('admin.models.deleteDraft', { name: draft.name })}>
                    {t('admin.models.delete')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
