import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_CONTROLS, errorId, fieldMessages } from '../../../../extension/show/options/field-errors';
import { CHECKED_FIELDS } from '../../../../extension/storage/settings';

const html = readFileSync(path.resolve(import.meta.dirname, '../../../../extension/show/options/index.html'), 'utf8');
const ids = new Set([...html.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]));

describe('field errors on the options page', () => {
  it('has a `${field}-error` element and a control on the page for every field checkSettings can fault', () => {
    for (const field of CHECKED_FIELDS) {
      expect(ids.has(errorId(field)), errorId(field)).toBe(true);
      expect(ids.has(FIELD_CONTROLS[field]), FIELD_CONTROLS[field]).toBe(true);
    }
  });

  it('points each error element at its control for screen readers, where the control is one field', () => {
    for (const field of CHECKED_FIELDS) {
      const control = new RegExp(`id="${FIELD_CONTROLS[field]}"[^>]*aria-describedby="[^"]*\\b${errorId(field)}\\b`);
      const isTable = html.includes(`<table id="${FIELD_CONTROLS[field]}"`);
      if (!isTable) expect(html, field).toMatch(control);
    }
  });

  it('writes the problem at its field, clears the others, and keeps the page order', () => {
    const messages = fieldMessages({ region: '"mars-1" is not an AWS region name', profileTemplate: 'the template is empty' });
    expect(messages.map((message) => message.errorId)).toEqual(CHECKED_FIELDS.map(errorId));
    expect(messages.filter((message) => message.text)).toEqual([
      { errorId: 'profileTemplate-error', controlId: 'profile-template', text: 'Not saved: the template is empty.' },
      { errorId: 'region-error', controlId: 'region', text: 'Not saved: "mars-1" is not an AWS region name.' },
    ]);
  });
});
