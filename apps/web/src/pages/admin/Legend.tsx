import { t } from '../../i18n';

/** Says in words what each colour of a diagram means. */
export function Legend({ items }: { items: readonly string[] }) {
  return (
    <ul className="legend" aria-label={t('admin.legend.label')}>
      {items.map((item) => (
        <li key={item}>
          <span className={`legend__swatch ${item}`} aria-hidden="true" />
          {t(`admin.legend.${item}`)}
        </li>
      ))}
    </ul>
  );
}
