import { INTENTION_STATUS_LABELS, type IntentionStatus } from '@app/domain';

/** What a notification is about; the group templates of the models plus the inbox's own. */
export const NOTIFICATION_KINDS = [
  'task-created',
  'task-assigned',
  'task-due-soon',
  'task-overdue',
  'task-canceled',
  'declaration-reminder',
  'declaration-escalated',
  'returned-to-orp',
  'intention-status-changed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationText {
  title: string;
  body: string;
}

export interface TaskFacts {
  name: string;
  processName: string;
  intentionId: string | null;
  dueAt: Date | null;
}

const PRAGUE_DATE = new Intl.DateTimeFormat('cs-CZ', { timeZone: 'Europe/Prague', day: 'numeric', month: 'numeric', year: 'numeric' });

function about(task: TaskFacts): string {
  const intention = task.intentionId ? `, záměr č. ${task.intentionId}` : '';
  const deadline = task.dueAt ? ` Termín: ${PRAGUE_DATE.format(task.dueAt)}.` : '';
  return `${task.processName}${intention}.${deadline}`;
}

/** The Czech texts of the notifications about tasks. */
export function taskText(kind: 'task-created' | 'task-assigned' | 'task-due-soon' | 'task-overdue' | 'task-canceled', task: TaskFacts): NotificationText {
  switch (kind) {
    case 'task-created':
      return { title: `Nový úkol: ${task.name}`, body: about(task) };
    case 'task-assigned':
      return { title: `Úkol vám byl přidělen: ${task.name}`, body: about(task) };
    case 'task-due-soon':
      return { title: `Blíží se termín úkolu: ${task.name}`, body: about(task) };
    case 'task-overdue':
      return { title: `Úkol je po termínu: ${task.name}`, body: about(task) };
    case 'task-canceled':
      return { title: `Úkol byl zrušen: ${task.name}`, body: about(task) };
  }
}

/** The Czech texts of the notifications the processes send to groups (`notification` rows). */
export function groupNotificationText(template: string, intentionId: string | null, data: Record<string, unknown>): NotificationText & { kind: NotificationKind } {
  const intention = intentionId ? `záměr č. ${intentionId}` : 'záměr';
  switch (template) {
    case 'declaration-reminder':
      return {
        kind: template,
        title: 'Připomínka: za 7 dní končí lhůta pro deklaraci potřebnosti',
        body: `Deklarace potřebnosti ORP pro ${intention} dosud nebyla podána. Lhůta 30 dní uplyne za 7 dní.`,
      };
    case 'declaration-escalated':
      return {
        kind: template,
        title: 'Eskalace: lhůta pro deklaraci potřebnosti uplynula',
        body: `Deklarace potřebnosti ORP pro ${intention} nebyla podána ve lhůtě 30 dní; úkol přechází na vedoucího odboru sociálních věcí ORP.`,
      };
    case 'returned-to-orp':
      return {
        kind: template,
        title: `Okresní tým vrátil ${intention} s dotazem`,
        body: typeof data.question === 'string' ? `Dotaz okresního týmu: ${data.question}` : 'Okresní tým vrátil záměr ORP s dotazem.',
      };
    case 'intention-status-changed': {
      const label = INTENTION_STATUS_LABELS[data.status as IntentionStatus] ?? String(data.status);
      const reason = typeof data.reason === 'string' && data.reason ? ` Odůvodnění: ${data.reason}` : '';
      return { kind: template, title: `Rozhodnutí o vašem záměru: ${label}`, body: `Stav záměru č. ${intentionId ?? '?'} je nyní „${label}“.${reason}` };
    }
    default:
      throw new Error(`unknown notification template '${template}'`);
  }
}
