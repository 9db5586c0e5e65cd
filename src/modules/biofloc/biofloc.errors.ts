import { defineError } from '../../platform/errors.js';

export const BioflocErrors = {
  tankNotFound: defineError('TANK_NOT_FOUND', 404, {
    en: 'Tank not found.',
    hu: 'A medence nem található.',
  }),
  tankCodeTaken: defineError('TANK_CODE_TAKEN', 409, {
    en: 'Tank code {code} is already taken.',
    hu: 'A(z) {code} medencekód már foglalt.',
  }),
  tankOccupied: defineError('TANK_OCCUPIED', 409, {
    en: 'Tank {code} already holds an active batch.',
    hu: 'A(z) {code} medencében már van aktív állomány.',
  }),
  tankUnavailable: defineError('TANK_UNAVAILABLE', 409, {
    en: 'Tank {code} is {status} and cannot be stocked.',
    hu: 'A(z) {code} medence {status}, nem telepíthető.',
  }),
  tankEmpty: defineError('TANK_HAS_NO_ACTIVE_BATCH', 409, {
    en: 'Tank {code} holds no active batch.',
    hu: 'A(z) {code} medencében nincs aktív állomány.',
  }),
  noWarehouse: defineError('TANK_WAREHOUSE_MISSING', 409, {
    en: 'Tank {code} has no warehouse and no default farm warehouse is configured.',
    hu: 'A(z) {code} medencéhez nincs raktár rendelve, és alapértelmezett telepi raktár sincs beállítva.',
  }),
  batchNotFound: defineError('BATCH_NOT_FOUND', 404, {
    en: 'Batch not found.',
    hu: 'Az állomány nem található.',
  }),
  batchCodeTaken: defineError('BATCH_CODE_TAKEN', 409, {
    en: 'Batch code {code} is already taken.',
    hu: 'A(z) {code} állománykód már foglalt.',
  }),
  batchNotActive: defineError('BATCH_NOT_ACTIVE', 409, {
    en: 'Batch {code} is {status}; only an active batch can be changed.',
    hu: 'A(z) {code} állomány {status}; csak aktív állomány módosítható.',
  }),
  tooManyFish: defineError('FISH_COUNT_EXCEEDED', 409, {
    en: '{count} fish is more than the {alive} alive in batch {code}.',
    hu: '{count} hal több, mint a(z) {code} állomány {alive} élő hala.',
  }),
  gradingCountMismatch: defineError('GRADING_COUNT_MISMATCH', 409, {
    en: 'The size groups hold {sum} fish; batch {code} has {alive}.',
    hu: 'A méretcsoportokban {sum} hal van; a(z) {code} állományban {alive}.',
  }),
  sameTank: defineError('SAME_TANK', 409, {
    en: 'The batch is already in tank {code}.',
    hu: 'Az állomány már a(z) {code} medencében van.',
  }),
  profileNotFound: defineError('WATER_PROFILE_NOT_FOUND', 404, {
    en: 'Water-quality profile not found.',
    hu: 'A vízminőségi profil nem található.',
  }),
  profileTaken: defineError('WATER_PROFILE_EXISTS', 409, {
    en: 'Species {species} already has a water-quality profile.',
    hu: 'A(z) {species} fajnak már van vízminőségi profilja.',
  }),
  productRequired: defineError('PRODUCT_REFERENCE_REQUIRED', 422, {
    en: 'Name the item by sku or product_id.',
    hu: 'Adja meg a tételt sku vagy product_id alapján.',
  }),
};
