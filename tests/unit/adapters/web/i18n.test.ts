import { describe, expect, it } from 'vitest';
import { CATALOGUES, inLanguage, WORDS } from '../../../../adapters/web/i18n';
import { languageOf } from '../../../../adapters/web/i18n/choice';
import { inPageLanguage, WORDING } from '../../../../adapters/web/i18n/fields';
import { WHEN_FIELDS } from '../../../../application/actions';
import { CHANGE_WORDS, ORDINALS } from '../../../../application/audit/changes';
import { EXPORT_WORDS } from '../../../../application/audit/export';
import { NOT_KNOWN } from '../../../../application/audit/words';
import { CHILD_ACTIONS, DETAILS_FIELDS, ENTER_CARE_FIELDS } from '../../../../application/children/actions';
import { ENGLISH, type Field, messagesOf } from '../../../../application/fields';
import { FIT_WORDS } from '../../../../application/fit';
import {
  DBS_LEVELS,
  OBLIGATION_LABELS,
  SEX,
  TRAINING_COURSES,
  VISITOR_SEX,
  VOLUNTEER_STATUS,
} from '../../../../application/labels';
import { DUTY_LABELS, STAGE_LABELS } from '../../../../application/lists/children';
import { MATCH_FIELDS } from '../../../../application/matching';
import { RETENTION_WORDS } from '../../../../application/personal-data/retention-words';
import { SUBJECT_ACCESS_WORDS } from '../../../../application/personal-data/subject-access';
import { CSV_WORDS } from '../../../../application/reports/csv';
import { DIMENSIONS, EQUALITY_WORDS } from '../../../../application/reports/equality';
import { AGE_BANDS, ETHNIC_GROUPS, WAIT_BANDS } from '../../../../application/reports/figures';
import { COLUMNS, CONVENTIONS } from '../../../../application/reports/national-return';
import { PERIOD_FIELDS, PERIOD_WORDS } from '../../../../application/reports/period';
import { WHAT_IF_WORDS } from '../../../../application/reports/what-if';
import { REPORT_LABELS, REPORT_WORDS } from '../../../../application/reports/words';
import { DUTY_LABELS as TASK_DUTY_LABELS } from '../../../../application/tasks';
import {
  EVENT_TITLES,
  HISTORY_NAMES,
  HISTORY_PHRASES,
  HISTORY_WORDS,
  historyOf,
  sentenceOf,
} from '../../../../application/timeline';
import { PROFILE_FIELDS, VOLUNTEER_ACTIONS } from '../../../../application/volunteers/actions';
import { REGIONS } from '../../../../domain/local-authorities';
import { ENGLAND_DEFAULT_POLICY, WALES_DEFAULT_POLICY } from '../../../../domain/policy';
import type { RecordedEvent } from '../../../../events/envelope';
import { apiEvent } from '../../../support/http';
import { flatten } from '../../../support/welsh';

/** A key without its plural ending: Welsh has six plural forms (zero, one, two, few, many, other), English two. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
/** The names a text fills in; an error message may name the field by its label or as a phrase, either way. */
const placeholders = (text: string) =>
  [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => (m[1] === 'phrase' ? 'label' : m[1])).sort();

describe('the catalogues', () => {
  const en = flatten(CATALOGUES.en.pages);
  const cy = flatten(CATALOGUES.cy.pages);

  it('have every key in both languages, none empty, with the same placeholders', () => {
    expect([...new Set([...cy.keys()].map(base))].sort()).toEqual(
      [...new Set([...en.keys()].map(base))].sort(),
    );
    expect(Object.keys(CATALOGUES.cy.terms).sort()).toEqual(Object.keys(CATALOGUES.en.terms).sort());
    const wrong: string[] = [];
    for (const [key, english] of en) {
      const welsh = [...cy].filter(([k]) => base(k) === base(key)).map(([, v]) => v);
      for (const w of welsh) {
        if (!w.trim()) wrong.push(`${key}: empty in Welsh`);
        if (placeholders(w).join() !== placeholders(english).join())
          wrong.push(`${key}: placeholders differ`);
      }
    }
    for (const [english, welsh] of Object.entries(CATALOGUES.cy.terms)) {
      if (!welsh.trim()) wrong.push(`${english}: empty in Welsh`);
      if (CATALOGUES.en.terms[english as keyof typeof CATALOGUES.en.terms] !== english)
        wrong.push(`${english}: the English term is not its own key`);
    }
    expect(wrong).toEqual([]);
  });

  it('translate every word the forms, the matching page, the task list, the records and the reports take from the application', () => {
    const texts = new Set<string>();
    const fields = (list: readonly Field[]) => {
      for (const f of list) {
        texts.add(f.label);
        if (f.hint) texts.add(f.hint);
        for (const m of Object.values(f.messages ?? {})) texts.add(m);
        if ('options' in f) for (const o of f.options) texts.add(o.text);
      }
    };
    fields(WHEN_FIELDS);
    fields(DETAILS_FIELDS);
    fields(ENTER_CARE_FIELDS);
    for (const action of CHILD_ACTIONS) {
      texts.add(action.title);
      fields(action.fields);
    }
    fields(PROFILE_FIELDS);
    fields(MATCH_FIELDS);
    for (const action of VOLUNTEER_ACTIONS) {
      texts.add(action.title);
      fields(action.fields);
    }
    for (const options of [VOLUNTEER_STATUS, DBS_LEVELS, TRAINING_COURSES, VISITOR_SEX, SEX])
      for (const o of options) texts.add(o.text);
    for (const label of [
      ...REPORT_LABELS,
      ...AGE_BANDS,
      ...ETHNIC_GROUPS,
      ...WAIT_BANDS,
      ...Object.values(DIMENSIONS),
      ...Object.values(PERIOD_FIELDS),
      ...Object.values(CONVENTIONS).flatMap((c) => [c.name, c.explanation]),
      ...COLUMNS.flatMap((c) => c.label.split(': ')),
      ...REGIONS,
      // The regulation each jurisdiction's retention rule cites.
      ENGLAND_DEFAULT_POLICY.retention.childRecordRule,
      WALES_DEFAULT_POLICY.retention.childRecordRule,
    ])
      texts.add(label);
    for (const labels of [DUTY_LABELS, STAGE_LABELS, OBLIGATION_LABELS, TASK_DUTY_LABELS])
      for (const text of Object.values(labels)) texts.add(text);
    const terms: Record<string, string> = CATALOGUES.cy.terms;
    expect([...texts].filter((text) => !terms[text])).toEqual([]);
  });

  it('have every sentence the application writes (history, fit, reports, audit), in English as its own key and in Welsh with the same people', () => {
    const history = new Set<string>([
      ...Object.values(HISTORY_WORDS),
      ...Object.values(HISTORY_PHRASES).flatMap((group) => Object.values(group)),
      ...HISTORY_NAMES,
      ...Object.values(EVENT_TITLES),
      ...[
        FIT_WORDS,
        REPORT_WORDS,
        EQUALITY_WORDS,
        CSV_WORDS,
        PERIOD_WORDS,
        CHANGE_WORDS,
        WHAT_IF_WORDS,
        EXPORT_WORDS,
        SUBJECT_ACCESS_WORDS,
        RETENTION_WORDS,
      ].flatMap((w) => Object.values(w)),
      ...ORDINALS,
      NOT_KNOWN,
    ]);
    const en: Record<string, string> = CATALOGUES.en.sentences;
    const cy: Record<string, string> = CATALOGUES.cy.sentences;
    expect(Object.keys(en).sort()).toEqual([...history].sort());
    expect(Object.keys(cy).sort()).toEqual([...history].sort());
    // Welsh has no possessive ending: "Jay’s review" is "adolygiad Jay", so {{child}} may stand for {{childs}};
    // nor an indefinite article, so it leaves out the English "A" or "An" ({{A}}).
    const people = (text: string) =>
      [
        ...new Set(
          placeholders(text).map((p) =>
            String(p)
              .replace(/^(child|volunteer|person)s$/i, '$1')
              .toLowerCase(),
          ),
        ),
      ].sort();
    const wrong = [...history].flatMap((english) => [
      ...(en[english] === english ? [] : [`${english}: the English is not its own key`]),
      ...(cy[english]?.trim() ? [] : [`${english}: empty in Welsh`]),
      ...(people(cy[english] ?? '').join() ===
      people(english)
        .filter((p) => p !== 'a')
        .join()
        ? []
        : [`${english}: placeholders differ`]),
    ]);
    expect(wrong).toEqual([]);
  });

  it('tell the history in Welsh, with Welsh dates, and in English as the API does', () => {
    const told = {
      version: 2,
      type: 'ChildToldOfEntitlement',
      data: {},
      metadata: {
        occurredAt: '2026-03-03T10:00:00.000Z',
        recordedAt: '2026-03-05T10:00:00.000Z',
        actor: { id: 'coordinator-1', role: 'coordinator' },
      },
    } as unknown as RecordedEvent;
    const names = {
      subject: 'the child',
      staff: () => 'Priya Okafor',
      volunteer: () => 'Sam Reed',
      child: () => 'a child',
      actorName: () => 'Priya Okafor',
    };
    const [welsh] = inLanguage('cy', '/', () => historyOf([told], names, WORDS));
    expect(welsh).toMatchObject({
      sentence: 'Dywedodd Priya Okafor wrth y plentyn am Ymwelwyr Annibynnol.',
      on: '3 Mawrth 2026',
      recordedOn: '5 Mawrth 2026',
    });
    const [english] = historyOf([told], names);
    expect(english).toMatchObject({
      sentence: 'Priya Okafor told the child about Independent Visitors.',
      on: '3 March 2026',
    });
    const ended = { type: 'RelationshipEnded', data: { volunteerId: 'v', reason: 'iv-resigned' } };
    const ctx = { ...names, subject: 'Jay', actor: 'Priya Okafor', entry: () => undefined };
    expect(inLanguage('cy', '/', () => sentenceOf(ended, ctx, WORDS))).toBe(
      'Daeth perthynas Jay â’u Hymwelydd Annibynnol, Sam Reed, i ben: ymddiswyddodd yr Ymwelydd Annibynnol.',
    );
    expect(sentenceOf(ended, ctx)).toBe(
      'Jay’s relationship with Sam Reed as their Independent Visitor ended: the Independent Visitor resigned.',
    );
  });

  it('give the same English error messages on the pages as the API', () => {
    for (const field of [...ENTER_CARE_FIELDS, ...WHEN_FIELDS, ...CHILD_ACTIONS.flatMap((a) => a.fields)])
      expect(inLanguage('en', '/', () => messagesOf(inPageLanguage([field])[0]!, WORDING))).toEqual(
        messagesOf(field, ENGLISH),
      );
  });

  it('build the Welsh error messages from the Welsh label', () => {
    const born = { kind: 'date', name: 'born', label: 'Date of birth' } as const;
    const reason = {
      kind: 'textarea',
      name: 'why',
      label: 'Reason for recording it late',
      max: 500,
    } as const;
    expect(inLanguage('cy', '/', () => messagesOf(inPageLanguage([born])[0]!, WORDING))).toEqual({
      required: 'Mae angen nodi dyddiad geni',
      invalid: 'Dyddiad geni: rhowch ddyddiad go iawn, er enghraifft 27 3 2026',
    });
    expect(inLanguage('cy', '/', () => messagesOf(inPageLanguage([reason])[0]!, WORDING)).invalid).toBe(
      'Y rheswm dros ei gofnodi’n hwyr: defnyddiwch 500 nod neu lai',
    );
  });
});

describe('the language of a page', () => {
  const withCookie = (cookie?: string) => ({ ...apiEvent('GET', '/'), cookies: cookie ? [cookie] : [] });
  it('follows the LA’s country until the person chooses', () => {
    expect(languageOf(withCookie(), 'W06000015')).toBe('cy');
    expect(languageOf(withCookie(), 'E09999001')).toBe('en');
    expect(languageOf(withCookie(), 'national')).toBe('en');
    expect(languageOf(withCookie(), undefined)).toBe('en');
    expect(languageOf(withCookie('iv_lang=en'), 'W06000015')).toBe('en');
    expect(languageOf(withCookie('iv_lang=cy'), 'E09999001')).toBe('cy');
    expect(languageOf(withCookie('iv_lang=fr'), 'W06000015')).toBe('cy');
  });
});
