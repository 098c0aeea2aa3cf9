-- Roles and databases of a Tributary deployment, run once by PostgreSQL's superuser (psql variables give the
-- passwords: owner_password, app_password, temporal_password). Three roles, none of them a superuser:
--   tributary_owner  owns the `tributary` database and its tables; `tributary migrate` runs as it.
--   tributary_app    what the API and the worker connect as: data only (select/insert/update/delete), no DDL.
--   temporal         owns Temporal's two databases (its schema tool and server connect as it).
CREATE ROLE tributary_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE tributary_app LOGIN PASSWORD :'app_password';
CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE DATABASE tributary OWNER tributary_owner;
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
REVOKE ALL ON DATABASE tributary FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE tributary TO tributary_app;
REVOKE ALL ON DATABASE temporal FROM PUBLIC;
REVOKE ALL ON DATABASE temporal_visibility FROM PUBLIC;
\connect tributary
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO tributary_app;
-- Every table and sequence the owner's migrations create, now and later, is usable by the app (and nothing more).
ALTER DEFAULT PRIVILEGES FOR ROLE tributary_owner IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tributary_app;
ALTER DEFAULT PRIVILEGES FOR ROLE tributary_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO tributary_app;
