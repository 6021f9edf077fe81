import { lazy } from "react";
import { Route, Routes } from "react-router";
import { LoginPage } from "../modules/auth/components/LoginPage";
import { RequireAuth } from "../modules/auth/components/RequireAuth";
import { AppLayout } from "../modules/layout/components/AppLayout";
import { HomeRedirect } from "../modules/layout/components/HomeRedirect";
import { NotFoundPage } from "../modules/layout/components/NotFoundPage";

// Each page is its own chunk: an agent's first page does not download the supervisors' dashboards.
const LoanListPage = lazy(() =>
  import("../modules/loans/components/LoanListPage").then((m) => ({ default: m.LoanListPage })),
);
const WorklistPage = lazy(() =>
  import("../modules/worklist/components/WorklistPage").then((m) => ({ default: m.WorklistPage })),
);
const CasePage = lazy(() =>
  import("../modules/cases/components/CasePage").then((m) => ({ default: m.CasePage })),
);
const DashboardPage = lazy(() =>
  import("../modules/dashboard/components/DashboardPage").then((m) => ({ default: m.DashboardPage })),
);
const TeamTasksPage = lazy(() =>
  import("../modules/tasks/components/TeamTasksPage").then((m) => ({ default: m.TeamTasksPage })),
);
const BorrowerSearchPage = lazy(() =>
  import("../modules/borrowers/components/BorrowerSearchPage").then((m) => ({
    default: m.BorrowerSearchPage,
  })),
);
const PromisesPage = lazy(() =>
  import("../modules/promises/components/PromisesPage").then((m) => ({ default: m.PromisesPage })),
);
const EscalationsPage = lazy(() =>
  import("../modules/escalations/components/EscalationsPage").then((m) => ({ default: m.EscalationsPage })),
);
const PolicyPage = lazy(() =>
  import("../modules/policy/components/PolicyPage").then((m) => ({ default: m.PolicyPage })),
);
const ModelHealthPage = lazy(() =>
  import("../modules/model-health/components/ModelHealthPage").then((m) => ({ default: m.ModelHealthPage })),
);

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        <Route element={<AppLayout />}>
          <Route index element={<HomeRedirect />} />
          <Route path="/worklist" element={<WorklistPage />} />
          <Route path="/dashboard" element={<DashboardPage />} />
          <Route path="/tasks" element={<TeamTasksPage />} />
          <Route path="/loans" element={<LoanListPage />} />
          <Route path="/loans/:id" element={<CasePage />} />
          <Route path="/borrowers" element={<BorrowerSearchPage />} />
          <Route path="/promises" element={<PromisesPage />} />
          <Route path="/escalations" element={<EscalationsPage />} />
          <Route path="/policy" element={<PolicyPage />} />
          <Route path="/model-health" element={<ModelHealthPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
