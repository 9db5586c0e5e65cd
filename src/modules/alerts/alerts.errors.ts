import { defineError } from '../../platform/errors.js';

export const AlertErrors = {
  notFound: defineError('ALERT_NOT_FOUND', 404, {
    en: 'Alert not found.',
    hu: 'A riasztás nem található.',
  }),
  alreadyAcknowledged: defineError('ALERT_ALREADY_ACKNOWLEDGED', 409, {
    en: 'The alert was already acknowledged.',
    hu: 'A riasztást már nyugtázták.',
  }),
  subscriptionNotFound: defineError('ALERT_SUBSCRIPTION_NOT_FOUND', 404, {
    en: 'Alert subscription not found.',
    hu: 'A riasztási feliratkozás nem található.',
  }),
  audienceRequired: defineError('ALERT_SUBSCRIPTION_AUDIENCE', 422, {
    en: 'Give exactly one of user_id, role or module.',
    hu: 'Pontosan egyet adjon meg ezek közül: user_id, role vagy module.',
  }),
  othersForbidden: defineError('ALERT_SUBSCRIPTION_FORBIDDEN', 403, {
    en: 'Only an admin may subscribe other users, a role or a module.',
    hu: 'Más felhasználót, szerepkört vagy modult csak adminisztrátor iratkoztathat fel.',
  }),
  userNotFound: defineError('ALERT_SUBSCRIPTION_USER_NOT_FOUND', 422, {
    en: 'No active user with this id.',
    hu: 'Nincs ilyen azonosítójú aktív felhasználó.',
  }),
};
