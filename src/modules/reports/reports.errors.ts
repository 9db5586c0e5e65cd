import { defineMessageGroup } from '../../platform/translations.js';

/** Why a report's parameters are refused (422 VALIDATION_ERROR naming the field). */
export const ReportReasons = defineMessageGroup('reason.report', {
  periodReversed: {
    en: 'date_from must not be after date_to.',
    hu: 'A date_from nem lehet későbbi a date_to értékénél.',
  },
  periodTooLong: {
    en: 'A period may span at most 3,660 days.',
    hu: 'Az időszak legfeljebb 3660 napot ölelhet fel.',
  },
  sharesReversed: {
    en: 'a_percent must be below b_percent.',
    hu: 'Az a_percent értéknek kisebbnek kell lennie a b_percent értéknél.',
  },
});
