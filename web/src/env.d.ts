// Types for what Vite's bundler lets the UI import besides modules.
/// <reference types="vite/client" />
