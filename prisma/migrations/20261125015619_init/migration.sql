-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('AGENT', 'SUPERVISOR', 'MANAGER', 'ADMIN');

-- CreateEnum
CREATE TYPE "ProductType" AS ENUM ('INSTALMENT', 'REVOLVING');

-- CreateEnum
CREATE TYPE "LoanStatus" AS ENUM ('ACTIVE', 'DELINQUENT', 'DEFAULTED', 'CHARGED_OFF', 'CLOSED');

-- CreateEnum
CREATE TYPE "ScheduleKind" AS ENUM ('INSTALMENT', 'STATEMENT');

-- CreateEnum
CREATE TYPE "PaymentType" AS ENUM ('PAYMENT', 'REVERSAL', 'BOUNCED_DEBIT');

-- CreateEnum
CREATE TYPE "TransactionType" AS ENUM ('PURCHASE', 'CASH_ADVANCE', 'FEE', 'INTEREST', 'REFUND');

-- CreateEnum
CREATE TYPE "CommunicationChannel" AS ENUM ('CALL', 'SMS', 'EMAIL', 'PUSH', 'FIELD_VISIT', 'LETTER');

-- CreateEnum
CREATE TYPE "CommunicationDirection" AS ENUM ('OUTBOUND', 'INBOUND');

-- CreateEnum
CREATE TYPE "CommunicationOutcome" AS ENUM ('CONNECTED', 'NO_ANSWER', 'BUSY', 'VOICEMAIL', 'WRONG_NUMBER', 'DELIVERED', 'FAILED', 'PROMISE_TO_PAY', 'REFUSED_TO_PAY', 'DISPUTE_RAISED', 'CALLBACK_REQUESTED');

-- CreateEnum
CREATE TYPE "PromiseStatus" AS ENUM ('PENDING', 'KEPT', 'BROKEN', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ActionType" AS ENUM ('SMS_REMINDER', 'PUSH_REMINDER', 'EMAIL_REMINDER', 'CALL', 'PAYMENT_PLAN', 'FIELD_VISIT', 'RESTRUCTURE', 'SETTLEMENT_OFFER', 'ESCALATE_TO_RECOVERY_MANAGER');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RiskTier" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "DelinquencyBucket" AS ENUM ('CURRENT', 'DPD_1_14', 'DPD_15_29', 'DPD_30_59', 'DPD_60_89', 'DPD_90_PLUS');

-- CreateEnum
CREATE TYPE "RecommendationStatus" AS ENUM ('ACTIVE', 'SUPERSEDED', 'ACCEPTED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED');

-- CreateEnum
CREATE TYPE "RowIssueSeverity" AS ENUM ('ERROR', 'WARNING');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('SUCCESS', 'FAILURE', 'DENIED');

-- CreateTable
CREATE TABLE "Portfolio" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "description" TEXT,
    "asOfDate" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "Portfolio_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "UserRole" NOT NULL,
    "teamId" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "capacity" INTEGER NOT NULL DEFAULT 40,
    "lastLoginAt" TIMESTAMPTZ(6),
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "rateLimitPerMinute" INTEGER NOT NULL DEFAULT 120,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(6),
    "revokedAt" TIMESTAMPTZ(6),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Borrower" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "portfolioId" UUID NOT NULL,
    "externalKey" TEXT NOT NULL,
    "fullName" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "addressLine" TEXT,
    "city" TEXT,
    "region" TEXT,
    "postalCode" TEXT,
    "country" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "ageYears" INTEGER,
    "sex" TEXT,
    "education" TEXT,
    "maritalStatus" TEXT,
    "annualIncome" DECIMAL(14,2),
    "employmentStatus" TEXT,
    "employmentYears" DECIMAL(5,2),
    "homeOwnership" TEXT,
    "segment" TEXT,
    "doNotContact" BOOLEAN NOT NULL DEFAULT false,
    "contactOptOuts" "CommunicationChannel"[] DEFAULT ARRAY[]::"CommunicationChannel"[],
    "disputeFlag" BOOLEAN NOT NULL DEFAULT false,
    "bankruptcyFlag" BOOLEAN NOT NULL DEFAULT false,
    "deceasedFlag" BOOLEAN NOT NULL DEFAULT false,
    "legalHold" BOOLEAN NOT NULL DEFAULT false,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "Borrower_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Loan" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "portfolioId" UUID NOT NULL,
    "borrowerId" UUID NOT NULL,
    "externalKey" TEXT NOT NULL,
    "productType" "ProductType" NOT NULL,
    "principal" DECIMAL(14,2),
    "creditLimit" DECIMAL(14,2),
    "interestRate" DECIMAL(7,4),
    "termMonths" INTEGER,
    "instalmentAmount" DECIMAL(14,2),
    "outstandingBalance" DECIMAL(14,2),
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "grade" TEXT,
    "purpose" TEXT,
    "status" "LoanStatus" NOT NULL DEFAULT 'ACTIVE',
    "openedAt" DATE,
    "closedAt" DATE,
    "defaultLabel" BOOLEAN,
    "currentDpd" INTEGER NOT NULL DEFAULT 0,
    "currentBucket" "DelinquencyBucket" NOT NULL DEFAULT 'CURRENT',
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "Loan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Instalment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "loanId" UUID NOT NULL,
    "kind" "ScheduleKind" NOT NULL DEFAULT 'INSTALMENT',
    "sequence" INTEGER NOT NULL,
    "dueDate" DATE NOT NULL,
    "amountDue" DECIMAL(14,2) NOT NULL,
    "amountPaid" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "paidDate" DATE,
    "statementBalance" DECIMAL(14,2),
    "delayStatus" INTEGER,

    CONSTRAINT "Instalment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "loanId" UUID NOT NULL,
    "externalKey" TEXT,
    "type" "PaymentType" NOT NULL DEFAULT 'PAYMENT',
    "amount" DECIMAL(14,2) NOT NULL,
    "paidAt" TIMESTAMPTZ(6) NOT NULL,
    "channel" TEXT,
    "reversesPaymentId" UUID,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Transaction" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "loanId" UUID NOT NULL,
    "externalKey" TEXT,
    "type" "TransactionType" NOT NULL DEFAULT 'PURCHASE',
    "amount" DECIMAL(14,2) NOT NULL,
    "postedAt" TIMESTAMPTZ(6) NOT NULL,
    "merchantCategory" TEXT,

    CONSTRAINT "Transaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Communication" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "borrowerId" UUID NOT NULL,
    "loanId" UUID,
    "agentId" UUID,
    "externalKey" TEXT,
    "channel" "CommunicationChannel" NOT NULL,
    "direction" "CommunicationDirection" NOT NULL DEFAULT 'OUTBOUND',
    "outcome" "CommunicationOutcome" NOT NULL,
    "startedAt" TIMESTAMPTZ(6) NOT NULL,
    "endedAt" TIMESTAMPTZ(6),
    "durationSeconds" INTEGER,
    "notes" TEXT,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Communication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromiseToPay" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "loanId" UUID NOT NULL,
    "borrowerId" UUID NOT NULL,
    "communicationId" UUID,
    "loggedById" UUID,
    "externalKey" TEXT,
    "amount" DECIMAL(14,2) NOT NULL,
    "promisedDate" DATE NOT NULL,
    "status" "PromiseStatus" NOT NULL DEFAULT 'PENDING',
    "resolvedAt" TIMESTAMPTZ(6),
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PromiseToPay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelVersion" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "version" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "card" JSONB NOT NULL,
    "artifactPath" TEXT,
    "sha256" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskScore" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "loanId" UUID NOT NULL,
    "modelVersionId" UUID NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "tier" "RiskTier" NOT NULL,
    "bucket" "DelinquencyBucket" NOT NULL,
    "dpd" INTEGER NOT NULL,
    "asOfDate" DATE NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "features" JSONB NOT NULL,
    "scoredAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BucketHistory" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "loanId" UUID NOT NULL,
    "bucket" "DelinquencyBucket" NOT NULL,
    "enteredOn" DATE NOT NULL,
    "leftOn" DATE,

    CONSTRAINT "BucketHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recommendation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "loanId" UUID NOT NULL,
    "riskScoreId" UUID,
    "policyVersion" TEXT,
    "actionType" "ActionType" NOT NULL,
    "channel" "CommunicationChannel",
    "priority" INTEGER NOT NULL,
    "dueAt" TIMESTAMPTZ(6) NOT NULL,
    "rationale" TEXT NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "status" "RecommendationStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "Recommendation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "loanId" UUID NOT NULL,
    "assigneeId" UUID,
    "teamId" UUID,
    "recommendationId" UUID,
    "actionType" "ActionType" NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'OPEN',
    "priority" INTEGER NOT NULL DEFAULT 3,
    "dueAt" TIMESTAMPTZ(6) NOT NULL,
    "outcomeNote" TEXT,
    "startedAt" TIMESTAMPTZ(6),
    "completedAt" TIMESTAMPTZ(6),
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportRun" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "portfolioId" UUID,
    "startedById" UUID,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'RUNNING',
    "rowsTotal" INTEGER NOT NULL DEFAULT 0,
    "rowsImported" INTEGER NOT NULL DEFAULT 0,
    "rowsRejected" INTEGER NOT NULL DEFAULT 0,
    "rowsWarned" INTEGER NOT NULL DEFAULT 0,
    "reportPath" TEXT,
    "startedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(6),

    CONSTRAINT "ImportRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportRowError" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "importRunId" UUID NOT NULL,
    "line" INTEGER NOT NULL,
    "column" TEXT,
    "severity" "RowIssueSeverity" NOT NULL DEFAULT 'ERROR',
    "message" TEXT NOT NULL,

    CONSTRAINT "ImportRowError_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" UUID,
    "actorApiKeyId" UUID,
    "action" TEXT NOT NULL,
    "entityType" TEXT,
    "entityId" TEXT,
    "outcome" "AuditOutcome" NOT NULL DEFAULT 'SUCCESS',
    "details" JSONB NOT NULL DEFAULT '{}',
    "requestId" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Portfolio_name_key" ON "Portfolio"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Team_name_key" ON "Team"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_teamId_role_idx" ON "User"("teamId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE UNIQUE INDEX "Borrower_portfolioId_externalKey_key" ON "Borrower"("portfolioId", "externalKey");

-- CreateIndex
CREATE INDEX "Loan_borrowerId_idx" ON "Loan"("borrowerId");

-- CreateIndex
CREATE INDEX "Loan_portfolioId_currentBucket_idx" ON "Loan"("portfolioId", "currentBucket");

-- CreateIndex
CREATE INDEX "Loan_portfolioId_status_idx" ON "Loan"("portfolioId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Loan_portfolioId_externalKey_key" ON "Loan"("portfolioId", "externalKey");

-- CreateIndex
CREATE INDEX "Instalment_loanId_dueDate_idx" ON "Instalment"("loanId", "dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "Instalment_loanId_sequence_key" ON "Instalment"("loanId", "sequence");

-- CreateIndex
CREATE INDEX "Payment_loanId_paidAt_idx" ON "Payment"("loanId", "paidAt");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_loanId_externalKey_key" ON "Payment"("loanId", "externalKey");

-- CreateIndex
CREATE INDEX "Transaction_loanId_postedAt_idx" ON "Transaction"("loanId", "postedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Transaction_loanId_externalKey_key" ON "Transaction"("loanId", "externalKey");

-- CreateIndex
CREATE INDEX "Communication_borrowerId_startedAt_idx" ON "Communication"("borrowerId", "startedAt");

-- CreateIndex
CREATE INDEX "Communication_loanId_startedAt_idx" ON "Communication"("loanId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Communication_borrowerId_externalKey_key" ON "Communication"("borrowerId", "externalKey");

-- CreateIndex
CREATE INDEX "PromiseToPay_loanId_promisedDate_idx" ON "PromiseToPay"("loanId", "promisedDate");

-- CreateIndex
CREATE INDEX "PromiseToPay_status_promisedDate_idx" ON "PromiseToPay"("status", "promisedDate");

-- CreateIndex
CREATE UNIQUE INDEX "PromiseToPay_loanId_externalKey_key" ON "PromiseToPay"("loanId", "externalKey");

-- CreateIndex
CREATE UNIQUE INDEX "ModelVersion_version_key" ON "ModelVersion"("version");

-- CreateIndex
CREATE INDEX "RiskScore_loanId_scoredAt_idx" ON "RiskScore"("loanId", "scoredAt" DESC);

-- CreateIndex
CREATE INDEX "RiskScore_tier_bucket_idx" ON "RiskScore"("tier", "bucket");

-- CreateIndex
CREATE INDEX "BucketHistory_loanId_enteredOn_idx" ON "BucketHistory"("loanId", "enteredOn");

-- CreateIndex
CREATE INDEX "BucketHistory_bucket_leftOn_idx" ON "BucketHistory"("bucket", "leftOn");

-- CreateIndex
CREATE INDEX "Recommendation_loanId_status_idx" ON "Recommendation"("loanId", "status");

-- CreateIndex
CREATE INDEX "Recommendation_status_priority_idx" ON "Recommendation"("status", "priority");

-- CreateIndex
CREATE INDEX "Task_assigneeId_status_priority_dueAt_idx" ON "Task"("assigneeId", "status", "priority", "dueAt");

-- CreateIndex
CREATE INDEX "Task_teamId_status_dueAt_idx" ON "Task"("teamId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "Task_loanId_status_idx" ON "Task"("loanId", "status");

-- CreateIndex
CREATE INDEX "ImportRun_kind_startedAt_idx" ON "ImportRun"("kind", "startedAt");

-- CreateIndex
CREATE INDEX "ImportRowError_importRunId_line_idx" ON "ImportRowError"("importRunId", "line");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_actorUserId_at_idx" ON "AuditLog"("actorUserId", "at");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Borrower" ADD CONSTRAINT "Borrower_portfolioId_fkey" FOREIGN KEY ("portfolioId") REFERENCES "Portfolio"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Loan" ADD CONSTRAINT "Loan_portfolioId_fkey" FOREIGN KEY ("portfolioId") REFERENCES "Portfolio"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Loan" ADD CONSTRAINT "Loan_borrowerId_fkey" FOREIGN KEY ("borrowerId") REFERENCES "Borrower"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instalment" ADD CONSTRAINT "Instalment_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_reversesPaymentId_fkey" FOREIGN KEY ("reversesPaymentId") REFERENCES "Payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Communication" ADD CONSTRAINT "Communication_borrowerId_fkey" FOREIGN KEY ("borrowerId") REFERENCES "Borrower"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Communication" ADD CONSTRAINT "Communication_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Communication" ADD CONSTRAINT "Communication_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromiseToPay" ADD CONSTRAINT "PromiseToPay_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromiseToPay" ADD CONSTRAINT "PromiseToPay_borrowerId_fkey" FOREIGN KEY ("borrowerId") REFERENCES "Borrower"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromiseToPay" ADD CONSTRAINT "PromiseToPay_communicationId_fkey" FOREIGN KEY ("communicationId") REFERENCES "Communication"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromiseToPay" ADD CONSTRAINT "PromiseToPay_loggedById_fkey" FOREIGN KEY ("loggedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskScore" ADD CONSTRAINT "RiskScore_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskScore" ADD CONSTRAINT "RiskScore_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BucketHistory" ADD CONSTRAINT "BucketHistory_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_riskScoreId_fkey" FOREIGN KEY ("riskScoreId") REFERENCES "RiskScore"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "Recommendation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportRun" ADD CONSTRAINT "ImportRun_portfolioId_fkey" FOREIGN KEY ("portfolioId") REFERENCES "Portfolio"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportRun" ADD CONSTRAINT "ImportRun_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportRowError" ADD CONSTRAINT "ImportRowError_importRunId_fkey" FOREIGN KEY ("importRunId") REFERENCES "ImportRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorApiKeyId_fkey" FOREIGN KEY ("actorApiKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;
