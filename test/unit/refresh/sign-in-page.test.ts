import { describe, expect, it } from 'vitest';
import { readSignInPage } from '../../../extension/refresh/sign-in-page';

const PAGE = 'https://example.okta.com/app/amazon_aws/exk1/sso/saml';
const autoPost = (value: string, action = 'https://signin.aws.amazon.com/saml') =>
  `<!doctype html><html><body onload="document.forms[0].submit()"><form id="appForm" method="POST" action="${action}"><input name="SAMLResponse" type="hidden" value="${value}"/><input name="RelayState" type="hidden" value=""/></form></body></html>`;

describe("an identity provider's page, read for a silent sign-in", () => {
  it('finds the assertion an IdP-initiated page posts to AWS, entities decoded', () => {
    expect(readSignInPage(autoPost('PHNhbWw&#x2b;PC9zYW1sPg&#61;&#61;'), PAGE)).toEqual({
      kind: 'post',
      post: { url: 'https://signin.aws.amazon.com/saml', signin: { partition: 'aws', region: 'us-east-1' }, samlResponse: 'PHNhbWw+PC9zYW1sPg==' },
    });
    // Regional endpoints, single quotes, bare attributes, upper case and a form left open.
    const regional = `<FORM METHOD=post ACTION='https://eu-west-1.signin.aws.amazon.com/saml'><INPUT TYPE=hidden NAME=SAMLResponse VALUE=abc>`;
    expect(readSignInPage(regional, PAGE)).toMatchObject({ kind: 'post', post: { url: 'https://eu-west-1.signin.aws.amazon.com/saml', signin: { region: 'eu-west-1' }, samlResponse: 'abc' } });
  });

  it('takes no assertion meant for anyone but AWS, nor one a GET form, a comment or a script holds', () => {
    expect(readSignInPage(autoPost('abc', 'https://evil.example/saml'), PAGE)).toEqual({ kind: 'other' });
    expect(readSignInPage(autoPost('abc', 'https://signin.aws.amazon.com.evil.example/saml'), PAGE)).toEqual({ kind: 'other' });
    expect(readSignInPage('<form action="https://signin.aws.amazon.com/saml"><input name="SAMLResponse" value="abc"></form>', PAGE)).toEqual({ kind: 'other' });
    expect(readSignInPage(`<!-- ${autoPost('abc')} -->`, PAGE)).toEqual({ kind: 'other' });
    expect(readSignInPage(`<script>const t = '${autoPost('abc')}';</script>`, PAGE)).toEqual({ kind: 'other' });
    // An empty assertion, or a disabled field, posts nothing.
    expect(readSignInPage(autoPost(''), PAGE)).toEqual({ kind: 'other' });
    expect(readSignInPage('<form method="post" action="https://signin.aws.amazon.com/saml"><input disabled name="SAMLResponse" value="abc"></form>', PAGE)).toEqual({ kind: 'other' });
  });

  it('resolves a relative action against the page, which is then not AWS', () => {
    expect(readSignInPage('<form method="post" action="/saml"><input name="SAMLResponse" value="abc"></form>', PAGE)).toEqual({ kind: 'other' });
  });

  it('knows a page that asks for a password, a one-time code or the user name that starts a sign-in', () => {
    for (const field of [
      '<input type="password" name="pw">',
      '<input type=PASSWORD>',
      '<input name="otp">',
      '<input autocomplete="one-time-code">',
      '<input type="text" autocomplete="username" name="identifier">',
      '<input type="email" name="loginfmt">',
      '<input name="passcode" type="tel">',
    ]) {
      expect(readSignInPage(`<html><form method="post" action="/login">${field}<button>Next</button></form></html>`, PAGE), field).toEqual({ kind: 'asks' });
    }
  });

  it('asks nothing of a dashboard, a 404 page, hidden or disabled fields, or markup in a script', () => {
    for (const html of [
      '<h1>My Apps</h1><a href="/home/amazon_aws/0oa1/272">AWS</a><input type="search" name="q">',
      '<h1>404</h1>',
      '<input type="hidden" name="password" value="x">',
      '<input type="password" disabled>',
      '<script>document.write("<input type=password>")</script>',
      '<textarea><input type=password></textarea>',
    ]) {
      expect(readSignInPage(html, PAGE), html).toEqual({ kind: 'other' });
    }
  });

  it('reads only so much of an endless page, and never throws on garbage', () => {
    expect(readSignInPage(`${'<div>'.repeat(1_000_000)}${autoPost('abc')}`, PAGE)).toEqual({ kind: 'other' });
    // Tags that never end, scripts that never close: one pass, not one per tag (a pass per tag
    // would take hours here, and the test's time limit ends it).
    for (const endless of ['<input '.repeat(500_000), '<script '.repeat(500_000), '<script>'.repeat(500_000), '<!--'.repeat(1_000_000), '<form method=post>'.repeat(200_000)]) {
      expect(readSignInPage(endless, PAGE)).toEqual({ kind: 'other' });
    }
    for (const garbage of ['', '<', '<form', '<input name="SAMLResponse" value="abc', '<form method=post action="http://[::1"><input name=SAMLResponse value=a></form>', '&#x110000;<input value="&#0;">']) {
      expect(() => readSignInPage(garbage, PAGE)).not.toThrow();
    }
  });
});
