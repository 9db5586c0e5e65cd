import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { en } from '../locales/en';
import { hu } from '../locales/hu';

export const LANGUAGES = ['en', 'hu'] as const;

// The user's own choice when made (remembered in this browser), else the browser's languages (what
// it sends as Accept-Language); the API is asked in the same language, so its messages match.
void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, hu: { translation: hu } },
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    interpolation: { escapeValue: false },
    detection: {
      order: ['localStorage', 'navigator'],
      caches: ['localStorage'],
      lookupLocalStorage: 'raktar.lang',
    },
  });
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

export default i18n;
