import { defineError } from '../../platform/errors.js';

export const DispatchErrors = {
  companyNotFound: defineError('COMPANY_NOT_FOUND', 404, {
    en: 'Company not found.',
    hu: 'A cég nem található.',
  }),
  companyNameTaken: defineError('COMPANY_NAME_TAKEN', 409, {
    en: 'A company named {name} exists already.',
    hu: 'Már létezik {name} nevű cég.',
  }),
  projectNotFound: defineError('PROJECT_NOT_FOUND', 404, {
    en: 'Project not found.',
    hu: 'A projekt nem található.',
  }),
  projectCodeTaken: defineError('PROJECT_ID_TAKEN', 409, {
    en: 'Project ID {code} is taken.',
    hu: 'A(z) {code} projektazonosító már foglalt.',
  }),
  drillholeNotFound: defineError('DRILLHOLE_NOT_FOUND', 404, {
    en: 'Drillhole not found.',
    hu: 'A fúrólyuk nem található.',
  }),
  drillholeCodeTaken: defineError('DRILLHOLE_ID_TAKEN', 409, {
    en: 'Drillhole ID {code} is taken in this project.',
    hu: 'A(z) {code} fúrólyuk-azonosító ebben a projektben már foglalt.',
  }),
  inUse: defineError('RECORD_IN_USE', 409, {
    en: 'The {entity} cannot be deleted: other records refer to it.',
    hu: 'A(z) {entity} nem törölhető: más rekordok hivatkoznak rá.',
  }),
  drillholeNotInProject: defineError('DRILLHOLE_NOT_IN_PROJECT', 422, {
    en: 'The drillhole does not belong to the project.',
    hu: 'A fúrólyuk nem ehhez a projekthez tartozik.',
  }),
  companyNotOfProject: defineError('COMPANY_NOT_OF_PROJECT', 422, {
    en: 'The company is not the company of the project.',
    hu: 'A cég nem a projekt cége.',
  }),
  dispatchNotFound: defineError('DISPATCH_NOT_FOUND', 404, {
    en: 'Dispatch not found.',
    hu: 'A kiszállítás nem található.',
  }),
  noTrays: defineError('NO_TRAYS', 422, {
    en: 'At least one tray must be given.',
    hu: 'Legalább egy ládát meg kell adni.',
  }),
  unknownTrayType: defineError('UNKNOWN_TRAY_TYPE', 422, {
    en: 'Unknown tray type {type}; known types: {types}.',
    hu: 'Ismeretlen ládatípus: {type}; ismert típusok: {types}.',
  }),
  insufficientTrays: defineError(
    'INSUFFICIENT_STOCK',
    409,
    {
      en: 'Not enough trays available ({types}); nothing was posted.',
      hu: 'Nincs elég elérhető láda ({types}); semmi sem lett könyvelve.',
    },
    'trays',
  ),
  countsFrozen: defineError('DISPATCH_COUNTS_FROZEN', 409, {
    en: 'Trays have come back on this dispatch: its tray counts can no longer change.',
    hu: 'Erről a kiszállításról már érkezett vissza láda: a ládaszámok nem módosíthatók.',
  }),
  overReturn: defineError('OVER_RETURN', 409, {
    en: 'Returning {returned} {type} trays would exceed the {dispatched} dispatched ({open} still out).',
    hu: '{returned} {type} láda visszavétele meghaladná a kiszállított {dispatched} darabot (még kint: {open}).',
  }),
  alreadyReturned: defineError('DISPATCH_ALREADY_RETURNED', 409, {
    en: 'The dispatch is fully returned.',
    hu: 'A kiszállítás már teljesen visszaérkezett.',
  }),
  hasReturns: defineError('DISPATCH_HAS_RETURNS', 409, {
    en: 'Trays have come back on this dispatch: it cannot be deleted.',
    hu: 'Erről a kiszállításról már érkezett vissza láda: nem törölhető.',
  }),
  hasSamples: defineError('DISPATCH_HAS_SAMPLES', 409, {
    en: 'The dispatch has samples: it cannot be deleted.',
    hu: 'A kiszállításhoz minták tartoznak: nem törölhető.',
  }),
  baseBelowOut: defineError('BASE_BELOW_OUTSTANDING', 409, {
    en: 'The base of {type} trays cannot be {base}: {out} are out on dispatches.',
    hu: 'A(z) {type} ládák alapkészlete nem lehet {base}: {out} darab van kint kiszállításon.',
  }),
  sampleNotFound: defineError('SAMPLE_NOT_FOUND', 404, {
    en: 'Sample not found.',
    hu: 'A minta nem található.',
  }),
  sampleIdTaken: defineError('SAMPLE_ID_TAKEN', 409, {
    en: 'Sample ID {code} exists already.',
    hu: 'A(z) {code} mintaazonosító már létezik.',
  }),
  depthOrder: defineError('INVALID_DEPTH_INTERVAL', 422, {
    en: 'The from depth ({from}) must be less than the to depth ({to}).',
    hu: 'A kezdő mélységnek ({from}) kisebbnek kell lennie a záró mélységnél ({to}).',
  }),
  intervalOverlap: defineError('SAMPLE_INTERVAL_OVERLAP', 409, {
    en: 'The interval {from}–{to} m overlaps sample {code} on this drillhole.',
    hu: 'A(z) {from}–{to} m szakasz átfedi a fúrólyuk {code} mintáját.',
  }),
  sampleDrillholeMismatch: defineError('SAMPLE_DRILLHOLE_MISMATCH', 422, {
    en: 'The sample’s drillhole is not the drillhole of its dispatch.',
    hu: 'A minta fúrólyuka nem a kiszállítás fúrólyuka.',
  }),
  illegalTransition: defineError(
    'ILLEGAL_STATUS_TRANSITION',
    409,
    {
      en: 'Cannot {action} a {entity} that is {status}.',
      hu: 'A(z) {status} állapotú {entity} esetén nem hajtható végre: {action}.',
    },
    'dispatch',
  ),
};
