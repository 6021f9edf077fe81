import { Navigate, Route, Routes } from "react-router";
import { LoginPage } from "../modules/auth/components/LoginPage";
import { RequireAuth } from "../modules/auth/components/RequireAuth";
import { AppLayout } from "../modules/layout/components/AppLayout";
import { NotFoundPage } from "../modules/layout/components/NotFoundPage";
import { LoanDetailPage } from "../modules/loans/components/LoanDetailPage";
import { LoanListPage } from "../modules/loans/components/LoanListPage";

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        <Route element={<AppLayout />}>
          <Route index element={<Navigate to="/loans" replace />} />
          <Route path="/loans" element={<LoanListPage />} />
          <Route path="/loans/:id" element={<LoanDetailPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
