// A sign-in POST shows the worker two things at two moments: its Referer when the headers go out
// (webRequest.onSendHeaders), and its identity provider when the login that read its assertion
// ends. Either can come first: a login that stops at AWS's role page ends in a few
// milliseconds. This pairs them by request ID. Only requests in flight are held, and at most
// `limit` of them: one whose other half never comes (not a SAML POST) is dropped in time.

export interface RequestJoin<L, R> {
  left(requestId: string, value: L): void;
  right(requestId: string, value: R): void;
}

export function joinByRequest<L, R>(limit: number, joined: (left: L, right: R) => void): RequestJoin<L, R> {
  const pending = new Map<string, { left?: { value: L }; right?: { value: R } }>();
  const put = (requestId: string, half: { left: { value: L } } | { right: { value: R } }) => {
    const entry = { ...pending.get(requestId), ...half };
    if (entry.left && entry.right) {
      pending.delete(requestId);
      joined(entry.left.value, entry.right.value);
      return;
    }
    pending.delete(requestId);
    pending.set(requestId, entry);
    if (pending.size > limit) pending.delete(pending.keys().next().value!);
  };
  return {
    left: (requestId, value) => put(requestId, { left: { value } }),
    right: (requestId, value) => put(requestId, { right: { value } }),
  };
}
