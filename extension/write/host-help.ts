// What a person runs when the native host is missing, refuses this extension, or misbehaves.
// One sentence, so the popup, the failed login and the ping all say the same thing.

export const REINSTALL_HINT = 'In the stsbridge folder, run ./install-host.sh (add --check to see what is wrong), then log in again.';
