import { lazy, Suspense, useEffect } from "react";
import { Link, NavLink, Route, Routes, useLocation, useNavigate } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { Loading } from "./components/States";
import { signOut } from "./lib/api";
import { useMe, useSession, useUnread } from "./lib/session";
import { formatCount } from "./lib/format";
import { HomePage } from "./pages/Home";
import { SearchPage } from "./pages/Search";
import { SpacePage } from "./pages/Space";
import { BookPage } from "./pages/Book";
import { BookingPage } from "./pages/Booking";
import { MyBookingsPage } from "./pages/MyBookings";
import { LikesPage, NotificationsPage, PointsPage } from "./pages/Me";
import { AuthCompletePage, LoginPage } from "./pages/Login";

// Hosting is the least visited part: loaded when first opened.
const HostSpacesPage = lazy(() => import("./pages/Host").then((m) => ({ default: m.HostSpacesPage })));
const HostRequestsPage = lazy(() => import("./pages/Host").then((m) => ({ default: m.HostRequestsPage })));
const SpaceEditorPage = lazy(() => import("./pages/SpaceEditor").then((m) => ({ default: m.SpaceEditorPage })));

export function App() {
  const { pathname } = useLocation();
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  return (
    <>
      <a className="skip" href="#main">
        본문으로 건너뛰기
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/search" element={<SearchPage />} />
            <Route path="/spaces/:id" element={<SpacePage />} />
            <Route path="/spaces/:id/book" element={<BookPage />} />
            <Route path="/bookings/:id" element={<BookingPage />} />
            <Route path="/me/bookings" element={<MyBookingsPage />} />
            <Route path="/me/likes" element={<LikesPage />} />
            <Route path="/me/points" element={<PointsPage />} />
            <Route path="/me/notifications" element={<NotificationsPage />} />
            <Route path="/host" element={<HostSpacesPage />} />
            <Route path="/host/requests" element={<HostRequestsPage />} />
            <Route path="/host/spaces/new" element={<SpaceEditorPage />} />
            <Route path="/host/spaces/:id" element={<SpaceEditorPage />} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/auth/complete" element={<AuthCompletePage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </main>
      <footer className="footer">
        <p>
          OurSpace · 오픈소스 공간 대여 플랫폼 · <a href="/docs/">API 문서</a>
        </p>
      </footer>
    </>
  );
}

function Header() {
  const session = useSession();
  const me = useMe();
  const unread = useUnread();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <header className="header">
      <Link to="/" className="logo" aria-label="OurSpace 홈">
        OurSpace
      </Link>
      <nav aria-label="주 메뉴" className="nav">
        <NavLink to="/search">공간 찾기</NavLink>
        {session ? (
          <>
            <NavLink to="/me/bookings">내 예약</NavLink>
            <NavLink to="/me/likes">찜</NavLink>
            <NavLink to="/host">호스트</NavLink>
            <NavLink to="/me/notifications" aria-label={`알림, 읽지 않음 ${unread.data ?? 0}개`}>
              알림{unread.data ? <span className="badge">{formatCount(unread.data)}</span> : null}
            </NavLink>
            <NavLink to="/me/points" className="points">
              {me.data ? `${formatCount(me.data.points_balance)}P` : "포인트"}
            </NavLink>
            <button
              type="button"
              className="link"
              onClick={async () => {
                await signOut();
                queryClient.clear();
                navigate("/");
              }}
            >
              로그아웃
            </button>
          </>
        ) : (
          <NavLink to="/login">로그인</NavLink>
        )}
      </nav>
    </header>
  );
}

function NotFound() {
  return (
    <section className="page">
      <h1>페이지를 찾을 수 없습니다</h1>
      <p>
        <Link to="/">홈으로</Link>
      </p>
    </section>
  );
}
