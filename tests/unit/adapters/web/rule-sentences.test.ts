import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, inLanguage } from '../../../../adapters/web/i18n';
import { ruleSentence } from '../../../../adapters/web/i18n/rules';
import { childDecider } from '../../../../domain/child';
import { specFor } from '../../../support/decider-spec';
import { flatten } from '../../../support/welsh';
import { at, inCare, JURISDICTIONS } from '../../domain/rules/journeys';

/*
 * A broken domain rule is said in the page's language: the domain writes English (the API keeps it), and the web
 * looks the rule up by name in the catalogue (`rules`), with what the domain filled in (a date, a number).
 */
const doc = readFileSync(new URL('../../../../docs/domain-rules.md', import.meta.url), 'utf8');
const documented = [...doc.matchAll(/^\| `([a-z0-9-]+)` \| \d+ \| .*? \| (.*) \|$/gm)].map((m) => ({
  rule: m[1]!,
  message: m[2]!,
}));
const en = flatten(CATALOGUES.en.rules);
const cy = flatten(CATALOGUES.cy.rules);
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const ofRule = (catalogue: Map<string, string>, rule: string) =>
  [...catalogue].filter(([key]) => key === rule || key.startsWith(`${rule}.`)).map(([, text]) => text);

describe('the sentences of the domain rules', () => {
  it('are in both catalogues for every rule docs/domain-rules.md names, with the same variants and values', () => {
    expect([...cy.keys()].sort()).toEqual([...en.keys()].sort());
    expect(documented.filter(({ rule }) => ofRule(en, rule).length === 0)).toEqual([]);
    for (const [key, english] of en) {
      expect(cy.get(key)?.trim(), key).toBeTruthy();
      expect(placeholders(cy.get(key)!), key).toEqual(placeholders(english));
    }
  });

  it('say in English what the documentation says each rule says', () => {
    const straight = (text: string) => text.replace(/’/g, "'");
    const fixed = documented.filter(({ message }) => !/[{/]/.test(message) && message !== 'the same');
    expect(fixed.length).toBeGreaterThan(60);
    expect(
      fixed.filter(({ rule, message }) => !ofRule(en, rule).map(straight).includes(straight(message))),
    ).toEqual([]);
  });

  it.each(JURISDICTIONS)('give a refusal in Welsh with the date in Welsh, in $country', ({ la }) => {
    const refusal = specFor(childDecider)(inCare(la, '2008-03-10'))
      .when({ type: 'OfferIndependentVisitor' }, at('2026-03-10'))
      .thenRefused('turned-18', 409);
    expect(inLanguage('cy', '/', () => ruleSentence(refusal.rule, refusal.message))).toBe(
      'Cafodd y person ifanc hwn ei ben-blwydd yn 18 oed ar 10 Mawrth 2026, felly nid yw’n derbyn gofal mwyach. Cofnodwch ei fod wedi gadael gofal.',
    );
    expect(inLanguage('en', '/', () => ruleSentence(refusal.rule, refusal.message))).toBe(refusal.message);
  });

  it('choose the variant the domain used, and keep a sentence the catalogue does not know in English', () => {
    const cyOf = (rule: string, message: string) => inLanguage('cy', '/', () => ruleSentence(rule, message));
    expect(cyOf('concern-step-done', 'Concern 2 is already referred to the LADO.')).toBe(
      'Mae pryder 2 eisoes wedi’i atgyfeirio at y LADO.',
    );
    expect(cyOf('no-iv', 'This child has no Independent Visitor to continue.')).toBe(
      'Does gan y plentyn hwn ddim Ymwelydd Annibynnol i barhau.',
    );
    expect(
      cyOf(
        'independence-category-applies',
        'This volunteer is not independent of the local authority: they are an elected member of the local authority; and an employee of the local authority. They can be approved once none of this applies and they have made a new declaration.',
      ),
    ).toBe(
      'Nid yw’r gwirfoddolwr hwn yn annibynnol ar yr awdurdod lleol: mae’n aelod etholedig o’r awdurdod lleol; mae’n gyflogai i’r awdurdod lleol. Gellir ei gymeradwyo pan na fydd dim o hyn yn berthnasol a’i fod wedi gwneud datganiad newydd.',
    );
    expect(cyOf('no-iv', 'A sentence nobody catalogued.')).toBe('A sentence nobody catalogued.');
  });
});
