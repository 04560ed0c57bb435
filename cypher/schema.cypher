// The schema: uniqueness on every entity's id, lookup indexes, full-text search.
// Applied by `kamgraph db init`; every statement is IF NOT EXISTS, so re-running is a no-op.
// Statements are separated by ';' at the end of a line.

CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT tender_id IF NOT EXISTS FOR (n:Tender) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT product_id IF NOT EXISTS FOR (n:Product) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT interaction_id IF NOT EXISTS FOR (n:Interaction) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sale_id IF NOT EXISTS FOR (n:Sale) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT account_plan_id IF NOT EXISTS FOR (n:AccountPlan) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT user_email IF NOT EXISTS FOR (n:User) REQUIRE n.email IS UNIQUE;
CREATE CONSTRAINT graph_revision_id IF NOT EXISTS FOR (n:GraphRevision) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT throttle_key IF NOT EXISTS FOR (n:Throttle) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT transfer_id IF NOT EXISTS FOR (n:Transfer) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_plan_id IF NOT EXISTS FOR (n:PersonPlan) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_plan_step_id IF NOT EXISTS FOR (n:PersonPlanStep) REQUIRE n.id IS UNIQUE;
// Proposals, their arguments per DMU member and their follow-up steps.
CREATE CONSTRAINT proposal_id IF NOT EXISTS FOR (n:Proposal) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT proposal_argument_id IF NOT EXISTS FOR (n:ProposalArgument) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT proposal_step_id IF NOT EXISTS FOR (n:ProposalStep) REQUIRE n.id IS UNIQUE;

// Lookups the pages make: people by family name and birthday (MM-DD), organizations
// by kind, tenders by status and deadline, events, interactions and follow-ups by date.
CREATE INDEX person_family_name IF NOT EXISTS FOR (n:Person) ON (n.family_name);
CREATE INDEX person_birthday_md IF NOT EXISTS FOR (n:Person) ON (n.birthday_md);
// Likely duplicates: people by their family name in Latin letters (folding.name_key), and
// the ids merged away, which still lead to the person they were merged into.
CREATE INDEX person_family_key IF NOT EXISTS FOR (n:Person) ON (n.family_key);
CREATE CONSTRAINT merged_person_id IF NOT EXISTS FOR (n:MergedPerson) REQUIRE n.id IS UNIQUE;
CREATE INDEX organization_kind IF NOT EXISTS FOR (n:Organization) ON (n.kind);
CREATE INDEX tender_status IF NOT EXISTS FOR (n:Tender) ON (n.status);
CREATE INDEX tender_submission IF NOT EXISTS FOR (n:Tender) ON (n.submission_deadline);
CREATE INDEX event_starts_on IF NOT EXISTS FOR (n:Event) ON (n.starts_on);
CREATE INDEX interaction_date IF NOT EXISTS FOR (n:Interaction) ON (n.date);
CREATE INDEX interaction_due IF NOT EXISTS FOR (n:Interaction) ON (n.due_date);
CREATE INDEX sale_year IF NOT EXISTS FOR (n:Sale) ON (n.year);
// Transfers of value by status (the approval queue) and by date (the yearly report).
CREATE INDEX transfer_status IF NOT EXISTS FOR (n:Transfer) ON (n.status);
CREATE INDEX transfer_date IF NOT EXISTS FOR (n:Transfer) ON (n.date);
// Open proposal steps by due date (My week, not chased).
CREATE INDEX proposal_step_due IF NOT EXISTS FOR (n:ProposalStep) ON (n.due);
// The team coverage page's most influential people (stored scores), without a scan.
CREATE INDEX person_influence IF NOT EXISTS FOR (n:Person) ON (n.influence);

// Full-text search. Names are indexed beside their search keys (kamgraph/folding.py: the
// words without marks, their Latin spelling, Thai words inside a name), which every write
// stores and `kamgraph db init` fills in for records written before. 'standard-folding'
// folds Latin accents (é -> e) on top. The first indexes (person_search, ...) indexed
// names only; they are replaced.
DROP INDEX person_search IF EXISTS;
DROP INDEX organization_search IF EXISTS;
DROP INDEX tender_search IF EXISTS;
CREATE FULLTEXT INDEX person_names IF NOT EXISTS
FOR (n:Person) ON EACH [n.name, n.search_key, n.specialty]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
CREATE FULLTEXT INDEX organization_names IF NOT EXISTS
FOR (n:Organization) ON EACH [n.name, n.search_key, n.short_name, n.city]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
CREATE FULLTEXT INDEX tender_names IF NOT EXISTS
FOR (n:Tender) ON EACH [n.title, n.search_key, n.reference]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
CREATE FULLTEXT INDEX event_names IF NOT EXISTS
FOR (n:Event) ON EACH [n.name, n.search_key, n.city]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
// People by their job: "chief physician", "head of cardiology", a department.
CREATE FULLTEXT INDEX job_search IF NOT EXISTS
FOR ()-[r:WORKS_AT]-() ON EACH [r.title, r.department]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
// Tenders by the products they are for (brand or INN).
CREATE FULLTEXT INDEX product_search IF NOT EXISTS
FOR (n:Product) ON EACH [n.name, n.inn]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
// The audit trail of who viewed or changed what, newest first.
CREATE INDEX audit_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at);
// The hash chain's numbers (kamgraph/repository/audit_chain.py): one entry each.
CREATE CONSTRAINT audit_seq IF NOT EXISTS FOR (n:AuditEntry) REQUIRE n.seq IS UNIQUE;
CREATE INDEX audit_target IF NOT EXISTS FOR (n:AuditEntry) ON (n.target_id);
// The personal calendar feed finds its user by the hash of the token in its URL.
CREATE INDEX user_calendar_token IF NOT EXISTS FOR (n:User) ON (n.calendar_token_hash);
// History: the change log by time (What changed reads a period), and the people
// whose influence rank moved (analyze refresh stamps them), without a scan.
CREATE INDEX change_at IF NOT EXISTS FOR (n:Change) ON (n.at);
CREATE INDEX person_rank_moved IF NOT EXISTS FOR (n:Person) ON (n.rank_moved_at);
// What changed starts from the reader's network: the people and organizations of her
// territories (history/in_scope), without a scan.
CREATE INDEX person_region IF NOT EXISTS FOR (n:Person) ON (n.region);
CREATE INDEX organization_region IF NOT EXISTS FOR (n:Organization) ON (n.region);
// Deputies during an absence (services/deputies.py).
CREATE CONSTRAINT deputyship_id IF NOT EXISTS FOR (n:Deputyship) REQUIRE n.id IS UNIQUE;
// Personal API tokens (views/api.py): a request's token is found by its hash.
CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT api_token_hash IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.hash IS UNIQUE;
// Pairs a reader found to be two people, not duplicates (services/duplicates.py), newest
// first.
CREATE INDEX not_duplicate_at IF NOT EXISTS FOR ()-[r:NOT_DUPLICATE]-() ON (r.at);
// The API's lists by last change (?updated_since=, for CRM sync): every write stamps
// `updated_at` (the app's clock) on records and ties, and a list reads a range of these
// indexes in (updated_at, id) order, a page at a time: records by both properties, so the
// many records one import stamps with one moment are still read a page at a time. Ties
// have one index per type, on updated_at.
CREATE INDEX person_updated_id IF NOT EXISTS FOR (n:Person) ON (n.updated_at, n.id);
CREATE INDEX organization_updated_id IF NOT EXISTS FOR (n:Organization) ON (n.updated_at, n.id);
CREATE INDEX tender_updated_id IF NOT EXISTS FOR (n:Tender) ON (n.updated_at, n.id);
CREATE INDEX interaction_updated_id IF NOT EXISTS FOR (n:Interaction) ON (n.updated_at, n.id);
CREATE INDEX works_at_updated_at IF NOT EXISTS FOR ()-[r:WORKS_AT]-() ON (r.updated_at);
CREATE INDEX member_of_updated_at IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.updated_at);
CREATE INDEX reports_to_updated_at IF NOT EXISTS FOR ()-[r:REPORTS_TO]-() ON (r.updated_at);
CREATE INDEX knows_updated_at IF NOT EXISTS FOR ()-[r:KNOWS]-() ON (r.updated_at);
CREATE INDEX influences_updated_at IF NOT EXISTS FOR ()-[r:INFLUENCES]-() ON (r.updated_at);
CREATE INDEX role_in_updated_at IF NOT EXISTS FOR ()-[r:ROLE_IN]-() ON (r.updated_at);
CREATE INDEX covers_updated_at IF NOT EXISTS FOR ()-[r:COVERS]-() ON (r.updated_at);
CREATE INDEX manages_updated_at IF NOT EXISTS FOR ()-[r:MANAGES]-() ON (r.updated_at);
CREATE INDEX ties_to_updated_at IF NOT EXISTS FOR ()-[r:TIES_TO]-() ON (r.updated_at);
CREATE INDEX attended_updated_at IF NOT EXISTS FOR ()-[r:ATTENDED]-() ON (r.updated_at);
CREATE INDEX spoke_at_updated_at IF NOT EXISTS FOR ()-[r:SPOKE_AT]-() ON (r.updated_at);
CREATE INDEX for_updated_at IF NOT EXISTS FOR ()-[r:FOR]-() ON (r.updated_at);
