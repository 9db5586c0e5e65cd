import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess } from '../../platform/access.js';
import { exportableListRoute } from '../../platform/export/export-route.js';
import { pageRequest } from '../../platform/pagination.js';
import { createRoute, deleteRoute, getRoute, updateRoute } from '../../platform/route-helpers.js';
import {
  mortalityExportColumns,
  profileExportColumns,
  samplingExportColumns,
  waterTestExportColumns,
} from './biofloc.exports.js';
import { IdParams, recordFilterOf } from './common.schemas.js';
import { RecordQuery } from './consumption.schemas.js';
import type { GrowthService } from './growth.service.js';
import {
  MortalityCreate,
  MortalityList,
  MortalityPublic,
  ProfileCreate,
  ProfileList,
  ProfilePublic,
  ProfileQuery,
  ProfileUpdate,
  SamplingCreate,
  SamplingList,
  SamplingPublic,
  WaterTestCreate,
  WaterTestList,
  WaterTestPublic,
} from './measurements.schemas.js';
import type { WaterTestsService } from './water-tests.service.js';

const tags = ['biofloc'];
const { read, staff, manage } = moduleAccess('biofloc');

/** `/water-tests`: each test checked against its species' profile; breaches alert. */
export const waterTestsRoutes: FastifyPluginAsyncTypebox<{ water: WaterTestsService }> = async (
  app,
  { water },
) => {
  createRoute(app, {
    config: staff,
    tags,
    summary: 'Record a water test; each limit it breaches raises a water_quality alert',
    body: WaterTestCreate,
    response: WaterTestPublic,
    create: (ctx, body) => water.create(ctx, body),
  });
  exportableListRoute(app, {
    config: read,
    tags,
    summary: 'List water tests, newest first',
    querystring: RecordQuery,
    response: WaterTestList,
    list: (q) => water.list(recordFilterOf(q), pageRequest(q)),
    export: {
      name: 'biofloc-water-tests',
      columns: waterTestExportColumns,
      rows: (q) => water.exportQuery(recordFilterOf(q)),
    },
  });
};

/** `/water-quality-profiles`: the limits per species (`default` for the rest). */
export const profilesRoutes: FastifyPluginAsyncTypebox<{ water: WaterTestsService }> = async (
  app,
  { water },
) => {
  createRoute(app, {
    config: manage,
    tags,
    summary: 'Set the water-quality limits of a species',
    body: ProfileCreate,
    response: ProfilePublic,
    create: (ctx, body) => water.createProfile(ctx, body),
  });
  exportableListRoute(app, {
    config: read,
    tags,
    summary: 'List water-quality profiles by species',
    querystring: ProfileQuery,
    response: ProfileList,
    list: (q) => water.listProfiles(pageRequest(q)),
    export: {
      name: 'biofloc-water-profiles',
      columns: profileExportColumns,
      rows: () => water.exportProfiles(),
    },
  });
  getRoute(app, {
    config: read,
    tags,
    summary: 'Get a water-quality profile',
    params: IdParams,
    response: ProfilePublic,
    get: ({ id }) => water.getProfile(id),
  });
  updateRoute(app, {
    config: manage,
    tags,
    summary: 'Change a profile’s limits (null: not checked; stale version → 412)',
    params: IdParams,
    body: ProfileUpdate,
    response: ProfilePublic,
    update: (ctx, id, changes, version) => water.updateProfile(ctx, id, changes, version),
  });
  deleteRoute(app, {
    config: manage,
    tags,
    summary: 'Delete a profile (its species falls back to `default`)',
    params: IdParams,
    remove: (ctx, { id }) => water.removeProfile(ctx, id),
  });
};

/** `/sampling` and `/mortality`: the batch's weight and count. */
export const growthRoutes: FastifyPluginAsyncTypebox<{ growth: GrowthService }> = async (app, { growth }) => {
  createRoute(app, {
    config: staff,
    tags,
    url: '/sampling',
    summary: 'Record a sampling: the batch’s average weight and biomass follow it',
    body: SamplingCreate,
    response: SamplingPublic,
    create: (ctx, body) => growth.sample(ctx, body),
  });
  exportableListRoute(app, {
    config: read,
    tags,
    url: '/sampling',
    summary: 'List samplings, newest first',
    querystring: RecordQuery,
    response: SamplingList,
    list: (q) => growth.listSamplings(recordFilterOf(q), pageRequest(q)),
    export: {
      name: 'biofloc-samplings',
      columns: samplingExportColumns,
      rows: (q) => growth.samplingsExport(recordFilterOf(q)),
    },
  });
  createRoute(app, {
    config: staff,
    tags,
    url: '/mortality',
    summary: 'Record deaths (more than alive → 409)',
    body: MortalityCreate,
    response: MortalityPublic,
    create: (ctx, body) => growth.recordMortality(ctx, body),
  });
  exportableListRoute(app, {
    config: read,
    tags,
    url: '/mortality',
    summary: 'List mortalities, newest first',
    querystring: RecordQuery,
    response: MortalityList,
    list: (q) => growth.listMortalities(recordFilterOf(q), pageRequest(q)),
    export: {
      name: 'biofloc-mortality',
      columns: mortalityExportColumns,
      rows: (q) => growth.mortalitiesExport(recordFilterOf(q)),
    },
  });
};
