import { writeFileSync } from 'node:fs';
import { renderCatalogJsonSchema, renderCatalogMarkdown } from '../events/contracts/render';

/** Writes the event catalog the repository keeps: npm run catalog. */
const root = new URL('../docs/', import.meta.url);
writeFileSync(new URL('event-catalog.md', root), renderCatalogMarkdown());
writeFileSync(new URL('event-catalog.schema.json', root), renderCatalogJsonSchema());
console.log('wrote docs/event-catalog.md and docs/event-catalog.schema.json');
