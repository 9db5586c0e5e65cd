import { defineError } from '../../platform/errors.js';
import { defineMessageGroup } from '../../platform/translations.js';

export const ImportErrors = {
  invalidRows: defineError('IMPORT_INVALID_ROWS', 422, {
    en: 'Problems found in the file: {count}. Nothing was imported; each problem is listed with its row and column.',
    hu: 'A fájlban talált hibák száma: {count}. Semmi sem lett importálva; minden hiba a sorával és oszlopával szerepel.',
  }),
  emptyFile: defineError('IMPORT_EMPTY_FILE', 422, {
    en: 'The file has no data rows under its header.',
    hu: 'A fájlban nincs adatsor a fejléc alatt.',
  }),
  unreadable: defineError('IMPORT_UNREADABLE_FILE', 422, {
    en: 'The file cannot be read as {format}.',
    hu: 'A fájl nem olvasható {format} formátumként.',
  }),
  tooManyRows: defineError('IMPORT_TOO_MANY_ROWS', 422, {
    en: 'The file has more than {limit} data rows; split it.',
    hu: 'A fájlban több mint {limit} adatsor van; ossza fel.',
  }),
  notFound: defineError('IMPORT_NOT_FOUND', 404, {
    en: 'Import not found.',
    hu: 'Az importálás nem található.',
  }),
  notMultipart: defineError(
    'UNSUPPORTED_MEDIA_TYPE',
    415,
    {
      en: 'Content type {type} is not supported; send the file as multipart/form-data in a field named file, as CSV or XLSX.',
      hu: 'A(z) {type} tartalomtípus nem támogatott; a fájlt multipart/form-data kérésben, file nevű mezőben küldje, CSV vagy XLSX formátumban.',
    },
    'import',
  ),
  tooLarge: defineError(
    'PAYLOAD_TOO_LARGE',
    413,
    {
      en: 'The file is larger than the limit of {limit} bytes.',
      hu: 'A fájl nagyobb a megengedett {limit} bájtnál.',
    },
    'import',
  ),
};

/**
 * Why one cell or row of a file was refused (the `error_code` of an entry in `errors` is the key).
 * Errors of the record's own module (SKU_TAKEN, WAREHOUSE_NOT_FOUND, …) keep that module's code and text.
 */
export const IssueTexts = defineMessageGroup('import.issue', {
  UNKNOWN_COLUMN: {
    en: 'is not a column of this import',
    hu: 'nem oszlopa ennek az importálásnak',
  },
  DUPLICATE_COLUMN: {
    en: 'appears twice in the header',
    hu: 'kétszer szerepel a fejlécben',
  },
  MISSING_COLUMN: {
    en: 'is a required column and is missing from the header',
    hu: 'kötelező oszlop, de hiányzik a fejlécből',
  },
  TOO_MANY_VALUES: {
    en: 'has more values than the header has columns',
    hu: 'több értéket tartalmaz, mint ahány oszlop a fejlécben van',
  },
  NOT_A_NUMBER: { en: 'must be a number', hu: 'szám kell legyen' },
  NOT_A_BOOLEAN: {
    en: 'must be true or false (yes/no, 1/0)',
    hu: 'igaz vagy hamis kell legyen (igen/nem, 1/0)',
  },
  NOT_A_DATE: {
    en: 'must be a date (YYYY-MM-DD)',
    hu: 'dátum kell legyen (ÉÉÉÉ-HH-NN)',
  },
  TEXT_UNSTORABLE: {
    en: 'must not contain NUL or invalid Unicode characters',
    hu: 'nem tartalmazhat NUL vagy érvénytelen Unicode karaktert',
  },
  FORMULA_NOT_ALLOWED: {
    en: 'is a formula; enter its value instead',
    hu: 'képlet; az értékét adja meg helyette',
  },
  CELL_ERROR: {
    en: 'holds the spreadsheet error {value}',
    hu: 'a táblázat {value} hibáját tartalmazza',
  },
  DUPLICATE_IN_FILE: {
    en: '{value} appears again in this file (row {other})',
    hu: 'a(z) {value} ismét szerepel a fájlban ({other}. sor)',
  },
  TOO_PRECISE: {
    en: 'has more than {decimals} decimal places',
    hu: 'legfeljebb {decimals} tizedesjegy lehet',
  },
  INVALID_BARCODE: {
    en: 'is not a valid EAN/UPC/GTIN (length or check digit)',
    hu: 'érvénytelen vonalkód (hossz vagy ellenőrző számjegy)',
  },
  INVALID_PHONE: { en: 'is not a valid phone number', hu: 'érvénytelen telefonszám' },
  LOT_EXPIRY_CONFLICT: {
    en: 'lot {value} has another expiry date on row {other}',
    hu: 'a(z) {value} tételnek a(z) {other}. sorban más a lejárata',
  },
  OPENING_STOCK_EXISTS: {
    en: 'this product already has stock history in this bin (and lot); opening stock is imported once',
    hu: 'ennek a terméknek már van készletmozgása ezen a tárhelyen (és tételen); nyitókészlet csak egyszer importálható',
  },
  REQUIRED: { en: 'is required', hu: 'kötelező megadni' },
  BIN_INACTIVE: { en: 'bin {value} is inactive', hu: 'a(z) {value} tárhely inaktív' },
});
export type IssueCode = keyof typeof IssueTexts;

export const ImportConflict = defineError('IMPORT_CONFLICT', 409, {
  en: 'Another change created some of the same records while the file was imported; nothing was imported. Upload it again.',
  hu: 'Az importálás közben egy másik módosítás ugyanilyen rekordokat hozott létre; semmi sem lett importálva. Töltse fel újra.',
});

/** The one problem of a background import that stopped on something other than its rows. */
export const ImportStopped = defineMessageGroup('import.stopped', {
  IMPORT_FAILED: {
    en: 'The import stopped unexpectedly; nothing was imported. Upload the file again.',
    hu: 'Az importálás váratlanul leállt; semmi sem lett importálva. Töltse fel újra a fájlt.',
  },
});
