; pith tags query: Ruby. Capture contract: src/index/extract.ts.

(method name: (_) @name) @definition.function
(singleton_method name: (_) @name) @definition.method
(class name: (constant) @name) @definition.class
(class name: (scope_resolution name: (constant) @name)) @definition.class
(module name: (constant) @name) @definition.module
(module name: (scope_resolution name: (constant) @name)) @definition.module
(assignment left: (constant) @name) @definition.constant

; References used for ranking.
(call method: (identifier) @reference)
(constant) @reference
