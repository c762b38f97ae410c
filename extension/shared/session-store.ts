// The storage.session items behind the popup's profile list. Session storage lives in memory and
// is cleared when the browser closes: the right lifetime for credentials that last hours.

import { storageItem } from './storage-item';
import { parseRecentProfiles } from './recent-profiles';
import { parseCredentials } from './session-credentials';

export const recentProfiles = storageItem('session', 'recentProfiles', parseRecentProfiles);
export const sessionCredentials = storageItem('session', 'sessionCredentials', parseCredentials);
