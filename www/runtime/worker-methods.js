// @ts-check
/**
 * The methods a worker-backed explorer forwards (runtime/worker.js serves
 * them, runtime/worker-client.js calls them): those of the synchronous
 * explorer that a build has, by name.
 *
 * @module runtime/worker-methods
 */

/** What may be called: the methods of the synchronous explorer, by name. */
export const METHODS = [
  'articles',
  'search',
  'overview',
  'article',
  'entities',
  'entity',
  'resolveEntity',
  'entityRef',
  'entitiesNamed',
  'buildSummary',
  'textLoaded',
  'loadText',
  'fetchFor',
  'fetchForArticle',
  'fetchForEntity',
  'fetchForOverview',
  'fetchForEntities',
  'fetchForEntitiesNamed',
  'fetchForResolve',
  'fetchForEntityRefs',
  'indexFilesLoaded',
  'fetchForRelated',
  // Issue 19 (collection.js), attached when the build has them.
  'graph',
  'timeline',
  'related',
  'exportResults',
  'exportEntities',
  'collectionId',
  'within',
  'fetchForTimeline',
  'fetchForExport',
];
