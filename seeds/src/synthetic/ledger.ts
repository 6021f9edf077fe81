// The loan's amounts due and what has been paid against them, allocated exactly as the feature layer does
// (server/src/modules/features/payment-allocation.ts): each payment settles the oldest amount still due, an
// overpayment pays the next amounts ahead and past the last one waits as a credit for the amounts still to
// come. Bounced and reversed payments never reach the ledger. Keeping the same rule here is what makes the
// generated Loan.currentDpd equal to what the platform computes from the generated rows.

export interface Due {
  sequence: number;
  dueDay: number;
  amount: number;
  paid: number;
  /** The day the amount was covered in full (a zero amount counts as covered on its due day). */
  paidDay: number | null;
  /** Revolving statements: the balance billed. */
  statementBalance: number | null;
}

export class Ledger {
  dues: Due[] = [];
  /** Index of the oldest due not yet covered in full. */
  private next = 0;
  /** Overpayments waiting for later dues, oldest first, with the day each was paid. */
  private credits: { day: number; amount: number }[] = [];
  /** Everything that reached the ledger (effective payments), in cents. */
  totalPaid = 0;

  clone(): Ledger {
    const copy = new Ledger();
    copy.dues = this.dues.map((d) => ({ ...d }));
    copy.next = this.next;
    copy.credits = this.credits.map((c) => ({ ...c }));
    copy.totalPaid = this.totalPaid;
    return copy;
  }

  addDue(sequence: number, dueDay: number, amount: number, statementBalance: number | null = null): void {
    const due: Due = {
      sequence,
      dueDay,
      amount,
      paid: 0,
      paidDay: amount === 0 ? dueDay : null,
      statementBalance,
    };
    this.dues.push(due);
    while (this.credits.length > 0 && this.next < this.dues.length) {
      const credit = this.credits[0] as { day: number; amount: number };
      const left = this.fill(credit.day, credit.amount);
      if (left === 0) this.credits.shift();
      else credit.amount = left;
      if (left > 0) break;
    }
    this.skipCovered();
  }

  pay(day: number, amount: number): void {
    this.totalPaid += amount;
    const left = this.fill(day, amount);
    if (left > 0) this.credits.push({ day, amount: left });
  }

  private fill(day: number, amount: number): number {
    let left = amount;
    this.skipCovered();
    while (left > 0 && this.next < this.dues.length) {
      const due = this.dues[this.next] as Due;
      const take = Math.min(left, due.amount - due.paid);
      due.paid += take;
      left -= take;
      if (due.paid >= due.amount) {
        due.paidDay ??= day;
        this.next++;
        this.skipCovered();
      }
    }
    return left;
  }

  private skipCovered(): void {
    while (
      this.next < this.dues.length &&
      (this.dues[this.next] as Due).paid >= (this.dues[this.next] as Due).amount
    ) {
      this.next++;
    }
  }

  /** Days past due on `day`: on the oldest amount due before that day and not covered in full. */
  dpdAt(day: number): number {
    const oldest = this.dues[this.next];
    return oldest && oldest.dueDay < day ? day - oldest.dueDay : 0;
  }

  /** What is still owed of the amounts due on or before `day`. */
  unpaidUpTo(day: number): number {
    let sum = 0;
    for (let i = this.next; i < this.dues.length; i++) {
      const due = this.dues[i] as Due;
      if (due.dueDay > day) break;
      sum += due.amount - due.paid;
    }
    return sum;
  }

  /** Dues on or before `day` not covered in full. */
  behindAt(day: number): number {
    let count = 0;
    for (let i = this.next; i < this.dues.length; i++) {
      const due = this.dues[i] as Due;
      if (due.dueDay > day) break;
      if (due.paid < due.amount) count++;
    }
    return count;
  }

  allCovered(): boolean {
    return this.next >= this.dues.length;
  }

  totalDue(): number {
    let sum = 0;
    for (const d of this.dues) sum += d.amount;
    return sum;
  }
}
