// Records that the stored scores were computed from the graph at change counter $revision.
MERGE (r:GraphRevision {id: 'graph'})
SET r.scores_revision = $revision
