-- 0015: each event's tallies of answers, kept by triggers on
-- event_answers so that no write can forget them: confirmed, waiting,
-- apologies, and those waiting who are offered a place. Reading an event
-- counted its answers each time (a confirm rush of 2,000 read up to 2,000
-- rows four times a confirmation); now it reads four columns.

ALTER TABLE events ADD COLUMN n_confirmed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN n_waiting INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN n_apologies INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN n_offered INTEGER NOT NULL DEFAULT 0;

UPDATE events SET
  n_confirmed = (SELECT count(*) FROM event_answers a WHERE a.event_id = events.id AND a.answer = 'confirmed'),
  n_waiting = (SELECT count(*) FROM event_answers a WHERE a.event_id = events.id AND a.answer = 'waiting'),
  n_apologies = (SELECT count(*) FROM event_answers a WHERE a.event_id = events.id AND a.answer = 'apologies'),
  n_offered = (SELECT count(*) FROM event_answers a WHERE a.event_id = events.id AND a.answer = 'waiting'
               AND COALESCE(a.offered_until, 0) > 0);

CREATE TRIGGER event_answers_tally_insert AFTER INSERT ON event_answers BEGIN
  UPDATE events SET
    n_confirmed = n_confirmed + (NEW.answer = 'confirmed'),
    n_waiting = n_waiting + (NEW.answer = 'waiting'),
    n_apologies = n_apologies + (NEW.answer = 'apologies'),
    n_offered = n_offered + (NEW.answer = 'waiting' AND COALESCE(NEW.offered_until, 0) > 0)
  WHERE id = NEW.event_id;
END;

CREATE TRIGGER event_answers_tally_delete AFTER DELETE ON event_answers BEGIN
  UPDATE events SET
    n_confirmed = n_confirmed - (OLD.answer = 'confirmed'),
    n_waiting = n_waiting - (OLD.answer = 'waiting'),
    n_apologies = n_apologies - (OLD.answer = 'apologies'),
    n_offered = n_offered - (OLD.answer = 'waiting' AND COALESCE(OLD.offered_until, 0) > 0)
  WHERE id = OLD.event_id;
END;

CREATE TRIGGER event_answers_tally_update AFTER UPDATE OF event_id, answer, offered_until ON event_answers BEGIN
  UPDATE events SET
    n_confirmed = n_confirmed - (OLD.answer = 'confirmed'),
    n_waiting = n_waiting - (OLD.answer = 'waiting'),
    n_apologies = n_apologies - (OLD.answer = 'apologies'),
    n_offered = n_offered - (OLD.answer = 'waiting' AND COALESCE(OLD.offered_until, 0) > 0)
  WHERE id = OLD.event_id;
  UPDATE events SET
    n_confirmed = n_confirmed + (NEW.answer = 'confirmed'),
    n_waiting = n_waiting + (NEW.answer = 'waiting'),
    n_apologies = n_apologies + (NEW.answer = 'apologies'),
    n_offered = n_offered + (NEW.answer = 'waiting' AND COALESCE(NEW.offered_until, 0) > 0)
  WHERE id = NEW.event_id;
END;
