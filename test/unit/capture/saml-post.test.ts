import { describe, expect, it } from 'vitest';
import { readSamlPost, SIGNIN_URL_PATTERNS } from '../../../extension/capture/saml-post';

const url = 'https://signin.aws.amazon.com/saml';

describe('readSamlPost', () => {
  it('reads SAMLResponse and roleIndex from parsed form data', () => {
    expect(
      readSamlPost({ url, method: 'POST', requestBody: { formData: { SAMLResponse: ['PHg+'], roleIndex: ['arn:aws:iam::123456789012:role/A'], RelayState: [''] } } }),
    ).toEqual({ url, signin: { partition: 'aws', region: 'us-east-1' }, samlResponse: 'PHg+', roleIndex: 'arn:aws:iam::123456789012:role/A' });
  });

  it('falls back to the raw bytes when Chrome gives no form data', () => {
    const body = new TextEncoder().encode('SAMLResponse=PHg%2B%2F%3D&RelayState=');
    const post = readSamlPost({ url, method: 'POST', requestBody: { raw: [{ bytes: body.buffer }] } });
    expect(post?.samlResponse).toBe('PHg+/=');
    expect(post).not.toHaveProperty('roleIndex');
  });

  it('joins raw bytes split over several parts', () => {
    const encoder = new TextEncoder();
    const post = readSamlPost({
      url,
      method: 'POST',
      requestBody: { raw: [{ bytes: encoder.encode('SAMLRes').buffer }, { bytes: encoder.encode('ponse=abcd').buffer }] },
    });
    expect(post?.samlResponse).toBe('abcd');
  });

  it.each([
    ['a GET', { url, method: 'GET' }],
    ['a POST without SAMLResponse', { url, method: 'POST', requestBody: { formData: { username: ['x'] } } }],
    ['a POST with an empty SAMLResponse', { url, method: 'POST', requestBody: { formData: { SAMLResponse: [''] } } }],
    ['a POST without a body', { url, method: 'POST', requestBody: null }],
    ['a POST elsewhere', { url: 'https://signin.aws.amazon.com/oauth', method: 'POST', requestBody: { formData: { SAMLResponse: ['x'] } } }],
  ])('ignores %s', (_label, details) => {
    expect(readSamlPost(details)).toBeUndefined();
  });

  it('watches the global and regional sign-in hosts of every partition', () => {
    expect(SIGNIN_URL_PATTERNS).toEqual([
      'https://signin.aws.amazon.com/saml*',
      'https://*.signin.aws.amazon.com/saml*',
      'https://signin.amazonaws-us-gov.com/saml*',
      'https://*.signin.amazonaws-us-gov.com/saml*',
      'https://signin.amazonaws.cn/saml*',
      'https://*.signin.amazonaws.cn/saml*',
    ]);
  });
});
