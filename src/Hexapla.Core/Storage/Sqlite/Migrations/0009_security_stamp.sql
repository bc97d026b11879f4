-- A user's security stamp: signed into each session cookie at login and compared with this column on every request.
-- Logout, a new password, a role or language change and disabling replace it, which ends every session of that user
-- at once on every node sharing the store. Users get a fresh stamp here, so sessions from before this migration end.
ALTER TABLE users ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
UPDATE users SET security_stamp = lower(hex(randomblob(16)));
