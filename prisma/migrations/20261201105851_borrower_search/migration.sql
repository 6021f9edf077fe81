-- Hand-written: indexes of searchBorrowers (server/src/modules/borrowers/borrower.repository.ts), which Prisma
-- does not model. Each key of the search has its own index, read in its own branch of the query.

-- Trigram indexes answer ILIKE '%...%' (a name or phone fragment anywhere) without reading every borrower.
-- pg_trgm ships with PostgreSQL (the embedded binaries and the official images include it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Names, matched case-insensitively anywhere in the name.
CREATE INDEX "Borrower_fullName_trgm_idx" ON "Borrower" USING gin ("fullName" gin_trgm_ops);

-- Phone numbers by their digits only ("+1 (555) 010-2030" and "5550102030" are the same number).
CREATE INDEX "Borrower_phone_digits_trgm_idx" ON "Borrower"
  USING gin ((regexp_replace(phone, '[^0-9]', '', 'g')) gin_trgm_ops);

-- Borrower and loan references, case-insensitively, whole or by their beginning (text_pattern_ops serves LIKE 'x%').
CREATE INDEX "Borrower_externalKey_lower_idx" ON "Borrower" (lower("externalKey") text_pattern_ops);
CREATE INDEX "Loan_externalKey_lower_idx" ON "Loan" (lower("externalKey") text_pattern_ops);
