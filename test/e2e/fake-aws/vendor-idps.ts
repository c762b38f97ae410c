// Identity providers that behave like two real ones where a first refresh depends on it: the
// session in a cookie, a sign-in form when it has ended, a dashboard that posts nothing, and the
// AWS app's own address (IdP-initiated sign-on), which posts an assertion at once while the
// session lives. Neither sets a referrer policy, so a sign-in's POST to AWS carries only their
// origin as its Referer, as with the real ones.
//
// - `example.okta.com`, like Okta: `/` → the dashboard (`/app/UserHome`), whose AWS tile is the
//   app's embed link `/home/amazon_aws/<app id>/272`, which redirects to
//   `/app/amazon_aws/<key>/sso/saml`; the issuer is `http://www.okta.com/<key>`; without a
//   session every page redirects to `/login/login.htm?fromURI=…`.
// - `adfs.example.test`, like AD FS: `/adfs/ls/IdpInitiatedSignOn.aspx?loginToRp=urn:amazon:webservices`
//   is the app, signing in on the same page; without `loginToRp` the page lists the relying
//   parties; the issuer is `http://adfs.example.test/adfs/services/trust`.

import { randomUUID } from 'node:crypto';

export const OKTA_HOST = 'example.okta.com';
export const ADFS_HOST = 'adfs.example.test';
const OKTA_KEY = 'exk1stsbridge0Test7';
const OKTA_APP_ID = '0oa1stsbridge0Tile7';

export interface VendorIdp {
  readonly issuer: string;
  /** Where a person starts: the dashboard (Okta) or the sign-on page (AD FS). */
  readonly homeUrl: string;
  /** The AWS app's own address, as the vendor's documentation gives it. */
  readonly appUrl: string;
  /** Assertions the session posted without asking for a password (a person's tile click too), and sign-in forms shown. */
  readonly silentPosts: number;
  readonly formsShown: number;
  end(): void;
}

/** What the server sends back. */
export interface VendorReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

interface Session {
  live: boolean;
  token: string;
  silentPosts: number;
  formsShown: number;
}

const html = (title: string, body: string) => `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`;
const page = (title: string, body: string, extra: Record<string, string> = {}): VendorReply => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', ...extra }, body: html(title, body) });
const redirect = (location: string, extra: Record<string, string> = {}): VendorReply => ({ status: 302, headers: { location, ...extra }, body: '' });

function signInForm(action: string, fields: Record<string, string>): string {
  const hidden = Object.entries(fields).map(([name, value]) => `<input type="hidden" name="${name}" value="${value.replace(/"/g, '&quot;')}">`).join('');
  return `<form method="post" action="${action.replace(/"/g, '&quot;')}">${hidden}<label>Username <input name="username" autocomplete="username" value="jane"></label><label>Password <input type="password" name="password"></label><button id="sign-in">Sign in</button></form>`;
}

export interface VendorIdps {
  readonly okta: VendorIdp;
  readonly adfs: VendorIdp;
  /** Answers a request to one of their hosts; undefined for any other host. */
  handle(request: { host: string; method: string; url: URL; cookie: string; body: string }): VendorReply | undefined;
}

/** `autoPost(issuer)` is the IdP page that posts a fresh assertion from `issuer` to AWS. */
export function vendorIdps(autoPost: (issuer: string) => string): VendorIdps {
  const sessions = { okta: newSession(), adfs: newSession() };
  const okta = idpView('http://www.okta.com/' + OKTA_KEY, `https://${OKTA_HOST}/`, `https://${OKTA_HOST}/app/amazon_aws/${OKTA_KEY}/sso/saml`, sessions.okta);
  const adfs = idpView(
    `http://${ADFS_HOST}/adfs/services/trust`,
    `https://${ADFS_HOST}/adfs/ls/IdpInitiatedSignOn.aspx`,
    `https://${ADFS_HOST}/adfs/ls/IdpInitiatedSignOn.aspx?loginToRp=urn:amazon:webservices`,
    sessions.adfs,
  );

  const signedIn = (session: Session, cookie: string, name: string) => session.live && cookie.split(/;\s*/).includes(`${name}=${session.token}`);
  const setCookie = (name: string, session: Session) => ({ 'set-cookie': `${name}=${session.token}; Path=/; Secure; HttpOnly; SameSite=Lax` });
  const posted = (session: Session, issuer: string, extra: Record<string, string> = {}, silent = true) => {
    if (silent) session.silentPosts += 1;
    return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', ...extra }, body: autoPost(issuer) };
  };

  function handleOkta(method: string, url: URL, cookie: string, body: string): VendorReply {
    const session = sessions.okta;
    const live = signedIn(session, cookie, 'sid');
    if (url.pathname === '/login/login.htm') {
      const fromURI = (method === 'POST' ? new URLSearchParams(body).get('fromURI') : url.searchParams.get('fromURI')) ?? '/app/UserHome';
      const target = fromURI.startsWith('/') && !fromURI.startsWith('//') ? fromURI : '/app/UserHome';
      if (method === 'POST') {
        if (new URLSearchParams(body).get('password') !== 'correct horse') return page('Sign In', '<p>Unable to sign in</p>');
        session.live = true;
        session.token = randomUUID();
        return redirect(target, setCookie('sid', session));
      }
      session.formsShown += 1;
      return page('Example - Sign In', signInForm('/login/login.htm', { fromURI: target }));
    }
    if (!live) return redirect(`/login/login.htm?fromURI=${encodeURIComponent(url.pathname + url.search)}`);
    if (url.pathname === '/') return redirect('/app/UserHome');
    if (url.pathname === '/app/UserHome') return page('Example - My Apps', `<h1>My Apps</h1><a id="aws-tile" href="/home/amazon_aws/${OKTA_APP_ID}/272">AWS Account Federation</a>`);
    if (url.pathname === `/home/amazon_aws/${OKTA_APP_ID}/272`) return redirect(`/app/amazon_aws/${OKTA_KEY}/sso/saml`);
    if (url.pathname === `/app/amazon_aws/${OKTA_KEY}/sso/saml`) return posted(session, okta.issuer);
    return { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html('Not Found', '<h1>404</h1><p>The page you are looking for is not here.</p>') };
  }

  function handleAdfs(method: string, url: URL, cookie: string, body: string): VendorReply {
    const session = sessions.adfs;
    if (url.pathname !== '/adfs/ls/IdpInitiatedSignOn.aspx') return { status: 404, headers: { 'content-type': 'text/html' }, body: html('Not Found', '') };
    const toAws = url.searchParams.get('loginToRp') === 'urn:amazon:webservices';
    if (method === 'POST') {
      if (new URLSearchParams(body).get('password') !== 'correct horse') return page('Sign In', '<p>Incorrect user ID or password.</p>');
      session.live = true;
      session.token = randomUUID();
      return toAws ? posted(session, adfs.issuer, setCookie('MSISAuth', session), false) : redirect(url.pathname, setCookie('MSISAuth', session));
    }
    if (!signedIn(session, cookie, 'MSISAuth')) {
      session.formsShown += 1;
      return page('Sign In', signInForm(url.pathname + url.search, {}));
    }
    if (toAws) return posted(session, adfs.issuer);
    return page('Sign In', '<p>You are signed in.</p><label>Sign in to one of the following sites: <select><option>urn:amazon:webservices</option></select></label>');
  }

  return {
    okta,
    adfs,
    handle({ host, method, url, cookie, body }) {
      if (host === OKTA_HOST) return handleOkta(method, url, cookie, body);
      if (host === ADFS_HOST) return handleAdfs(method, url, cookie, body);
      return undefined;
    },
  };
}

function newSession(): Session {
  return { live: false, token: randomUUID(), silentPosts: 0, formsShown: 0 };
}

function idpView(issuer: string, homeUrl: string, appUrl: string, session: Session): VendorIdp {
  return {
    issuer,
    homeUrl,
    appUrl,
    get silentPosts() {
      return session.silentPosts;
    },
    get formsShown() {
      return session.formsShown;
    },
    end() {
      session.live = false;
    },
  };
}
