-- Why: issue 25. A municipality can route alerts about one service topic to another recipient (renovasjon
-- questions to the waste company's contact). `topic` null = the municipality's general recipient; set = this
-- recipient receives only alerts whose question has that primary topic, and those alerts then go to the
-- topic's recipients only (src/alerts/topic-routing.ts). The same address may serve several topics.
alter table alert_recipients add column topic text;

drop index alert_recipients_unique;
create unique index alert_recipients_unique
  on alert_recipients (municipality_code, channel, coalesce(email, webhook_fingerprint), level, coalesce(topic, ''));
