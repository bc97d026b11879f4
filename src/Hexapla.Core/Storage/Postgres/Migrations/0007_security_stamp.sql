-- A user's security stamp: signed into each session cookie at login and compared with this column on every request.
-- Logout, a new password, a role or language change and disabling replace it, which ends every session of that user
-- at once on every node sharing the store. Users get a fresh stamp here, so sessions from before this migration end.
ALTER TABLE users ADD COLUMN security_stamp text COLLATE "C" NOT NULL DEFAULT '';
UPDATE users SET security_stamp = md5(random()::text || clock_timestamp()::text || id::text);
