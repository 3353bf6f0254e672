import { useState } from 'react';
import { useTaskActions, useTaskComments } from '../api/queries';
import { t } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { ErrorNotice } from './ErrorNotice';
import { TextAreaField } from './Field';
import { Button } from './Button';

/** Komentáře of a task: read them, add one. */
export function TaskComments({ taskId }: { taskId: string }) {
  const comments = useTaskComments(taskId);
  const { comment } = useTaskActions(taskId);
  const [body, setBody] = useState('');
  return (
    <section aria-labelledby="comments-title" className="panel">
      <h2 id="comments-title">{t('task.comments')}</h2>
      {comments.error ? <ErrorNotice error={comments.error} /> : null}
      {comments.data?.length === 0 ? <p>{t('task.noComments')}</p> : null}
      <ul className="comments">
        {comments.data?.map((item) => (
          <li key={item.id}>
            <p className="muted">
              {item.authorName}, <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
            </p>
            <p className="comments__body">{item.body}</p>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!body.trim()) return;
          comment.mutate(body, { onSuccess: () => setBody('') });
        }}
      >
        <TextAreaField id="comment" label={t('task.comment')} value={body} onChange={(event) => setBody(event.target.value)} rows={3} maxLength={4000} />
        {comment.error ? <ErrorNotice error={comment.error} /> : null}
        <Button color="primary" type="outlined" nativeType="submit" busy={comment.isPending}>
          {t('task.addComment')}
        </Button>
      </form>
    </section>
  );
}
