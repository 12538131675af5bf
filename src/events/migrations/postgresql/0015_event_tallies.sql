-- 0015: each event's tallies of answers, kept by a trigger on
-- event_answers so that no write can forget them: confirmed, waiting,
-- apologies, and those waiting who are offered a place. Reading an event
-- counted its answers each time (a confirm rush of 2,000 read up to 2,000
-- rows four times a confirmation); now it reads four columns.

ALTER TABLE events
  ADD COLUMN n_confirmed BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN n_waiting BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN n_apologies BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN n_offered BIGINT NOT NULL DEFAULT 0;

UPDATE events SET
  n_confirmed = (SELECT count(*) FROM event_answers a WHERE a.event_id = events.id AND a.answer = 'confirmed'),
  n_waiting = (SELECT count(*) FROM event_answers a WHERE a.event_id = events.id AND a.answer = 'waiting'),
  n_apologies = (SELECT count(*) FROM event_answers a WHERE a.event_id = events.id AND a.answer = 'apologies'),
  n_offered = (SELECT count(*) FROM event_answers a WHERE a.event_id = events.id AND a.answer = 'waiting'
               AND COALESCE(a.offered_until, 0) > 0);

CREATE FUNCTION event_answers_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE events SET
      n_confirmed = n_confirmed - (OLD.answer = 'confirmed')::int,
      n_waiting = n_waiting - (OLD.answer = 'waiting')::int,
      n_apologies = n_apologies - (OLD.answer = 'apologies')::int,
      n_offered = n_offered - (OLD.answer = 'waiting' AND COALESCE(OLD.offered_until, 0) > 0)::int
    WHERE id = OLD.event_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE events SET
      n_confirmed = n_confirmed + (NEW.answer = 'confirmed')::int,
      n_waiting = n_waiting + (NEW.answer = 'waiting')::int,
      n_apologies = n_apologies + (NEW.answer = 'apologies')::int,
      n_offered = n_offered + (NEW.answer = 'waiting' AND COALESCE(NEW.offered_until, 0) > 0)::int
    WHERE id = NEW.event_id;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER event_answers_tally AFTER INSERT OR DELETE OR UPDATE OF event_id, answer, offered_until
  ON event_answers FOR EACH ROW EXECUTE FUNCTION event_answers_tally();
