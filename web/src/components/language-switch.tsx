import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../lib/i18n';
import { cn } from '../lib/utils';

/** EN | HU: the user's choice wins over the browser's languages and is remembered. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="flex gap-1" aria-label={t('nav.language')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={i18n.resolvedLanguage === lng}
          onClick={() => void i18n.changeLanguage(lng)}
          className={cn(
            'rounded px-2 py-1 text-xs font-semibold uppercase focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
            i18n.resolvedLanguage === lng ? 'bg-primary-foreground text-primary' : 'text-primary-foreground',
          )}
        >
          {lng}
        </button>
      ))}
    </fieldset>
  );
}
