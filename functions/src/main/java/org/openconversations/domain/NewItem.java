package org.openconversations.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated item about to be stored. {@code clientSuppliedId} matters because only those ids can collide
 * with an item already in the conversation; server ids are 192 random bits.
 */
public record NewItem(String id, ObjectNode json, boolean clientSuppliedId) {}
