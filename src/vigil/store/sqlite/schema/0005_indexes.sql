-- vigil schema version 5: indexes for the questions a server asks many
-- times a second. An entity card of an authority (the UN, the United
-- States) lists the designations it made: without an index on
-- authority_id that read every designation of every list. Events are found
-- by the place they happened as well as by their participants.
CREATE INDEX designations_authority_id ON designations(authority_id);
CREATE INDEX events_place ON events(place_entity_id);
