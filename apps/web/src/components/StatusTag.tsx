import { GovTag } from '@gov-design-system-ce/react';
import { t } from '../i18n';

const GOOD = new Set(['need_declared', 'recommended_by_district', 'recommended_by_council', 'approved_by_assembly', 'included_in_action_plan']);
const BAD = new Set(['need_refused', 'not_recommended_by_district', 'not_recommended_by_council', 'rejected_by_assembly', 'withdrawn']);

export function StatusTag({ status }: { status: string }) {
  const color = GOOD.has(status) ? 'success' : BAD.has(status) ? 'error' : status === 'returned_for_completion' ? 'warning' : 'primary';
  return (
    <GovTag color={color} size="s" type="subtle">
      <span data-status={status}>{t(`status.${status}`)}</span>
    </GovTag>
  );
}
