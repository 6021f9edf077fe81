import "./index.css";
import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./app/App";
import { apolloClient, liveSocket } from "./app/apolloClient";
import { LiveSocketProvider } from "./core/apollo/LiveSocketContext";

const container = document.getElementById("root");
if (container === null) throw new Error("index.html must contain an element with id 'root'");

createRoot(container).render(
  <StrictMode>
    <ApolloProvider client={apolloClient}>
      <LiveSocketProvider socket={liveSocket}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </LiveSocketProvider>
    </ApolloProvider>
  </StrictMode>,
);
